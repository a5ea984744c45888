import { Box, Text } from 'ink';
import { helpLines } from '../keymap.js';

/** Every key, generated from the keymap. Any key closes it. */
export function HelpOverlay() {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Keys</Text>
      {helpLines().map((l) => (
        <Text key={`${l.keys}${l.help}`}>
          <Text color="cyan">{l.keys.padEnd(12)}</Text>
          {l.help}
        </Text>
      ))}
      <Text dimColor>any key to close · Ctrl+C always quits (nothing is lost)</Text>
    </Box>
  );
}
