import { Box, Text } from 'ink';

export interface FrameProps {
  /** Every line of the frame, each at most the screen's width, fewer than the screen's rows. */
  readonly lines: readonly string[];
}

/** Draws prepared lines, one Text each (cut, never wrapped, so the line count is exact). */
export function Frame({ lines }: FrameProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
