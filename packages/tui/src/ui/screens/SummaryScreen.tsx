import { formatInterval } from '@grill/core';
import { Box, Text } from 'ink';
import type { SessionSummary } from '../session.js';

export interface SummaryScreenProps {
  readonly summary: SessionSummary;
  readonly dueTomorrow: number;
  readonly streak: number;
}

/** After a session: how it went and what comes tomorrow. */
export function SummaryScreen({ summary, dueTomorrow, streak }: SummaryScreenProps) {
  const pct = summary.reviewed === 0 ? 0 : Math.round((summary.correct / summary.reviewed) * 100);
  return (
    <Box flexDirection="column">
      <Text bold color="green">
        Session complete
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>{`cards reviewed   ${summary.reviewed}`}</Text>
        <Text>{`correct          ${pct}%`}</Text>
        <Text>{`time spent       ${formatInterval(summary.timeMs)}`}</Text>
        <Text>{`due tomorrow     ${dueTomorrow}`}</Text>
        <Text>{`streak           ${streak} day${streak === 1 ? '' : 's'}`}</Text>
      </Box>
      <Box marginTop={1}>
        <Text dimColor>Enter home · q quit</Text>
      </Box>
    </Box>
  );
}
