import { Box, Text } from 'ink';

export interface PickerScreenProps {
  readonly title: string;
  readonly items: readonly string[];
  readonly index: number;
  readonly height: number;
}

/** A scrolling list to pick a deck or a tag. */
export function PickerScreen({ title, items, index, height }: PickerScreenProps) {
  const visible = Math.max(3, height - 4);
  const first = Math.max(0, Math.min(index - Math.floor(visible / 2), items.length - visible));
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {items.slice(first, first + visible).map((item, i) => (
        <Text key={item} color={first + i === index ? 'cyan' : undefined} wrap="truncate">
          {`${first + i === index ? '›' : ' '} ${item}`}
        </Text>
      ))}
      <Text dimColor>↑↓ move · Enter start · Esc back</Text>
    </Box>
  );
}
