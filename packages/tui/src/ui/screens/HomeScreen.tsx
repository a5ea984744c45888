import { formatInterval } from '@grill/core';
import { Box, Text } from 'ink';
import type { HomeData } from '../view-data.js';

export interface HomeScreenProps {
  readonly data: HomeData;
  readonly width: number;
  readonly message: string | null;
}

/** Today's numbers, the decks with their counts, and the keys to start. */
export function HomeScreen({ data, width, message }: HomeScreenProps) {
  const total = data.due + data.learning + data.newAvailable;
  const idWidth = Math.min(24, Math.max(4, ...data.decks.map((d) => d.id.length)));
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold color="magenta">
          grill
        </Text>
        <Text dimColor> — backend interview drills</Text>
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>
          <Text bold>{data.due}</Text> due · <Text bold>{data.learning}</Text> learning ·{' '}
          <Text bold>{data.newAvailable}</Text> new · <Text bold>{data.reviewsToday}</Text> done today ·
          streak <Text bold>{data.streak}</Text>
          {data.streak === 1 ? ' day' : ' days'}
        </Text>
        {total === 0 ? (
          <Text color="green">
            {`all done for today${data.nextDueInMs === null ? '' : ` — next card due in ${formatInterval(data.nextDueInMs)}`}`}
          </Text>
        ) : null}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text dimColor>{`${'deck'.padEnd(idWidth)}  learn  due  new`}</Text>
        {data.decks.map((d) => (
          <Text key={d.id} wrap="truncate">
            {`${d.id.slice(0, idWidth).padEnd(idWidth)}  ${String(d.learning).padStart(5)}  ${String(d.review).padStart(3)}  ${String(d.new).padStart(3)}  `}
            <Text dimColor>{d.title}</Text>
          </Text>
        ))}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text>
          <Text bold>Enter</Text> start · <Text bold>d</Text> deck · <Text bold>t</Text> tag ·{' '}
          <Text bold>s</Text> stats · <Text bold>?</Text> help · <Text bold>q</Text> quit
        </Text>
        {data.sync ? (
          <Text dimColor>
            {`sync: ${data.sync.server} · ${data.sync.lastSyncAgoMs === null ? 'never synced' : `synced ${formatInterval(data.sync.lastSyncAgoMs)} ago`} · ${data.sync.unsynced} to push (grill sync)`}
          </Text>
        ) : null}
        {message ? <Text color="yellow">{message}</Text> : null}
      </Box>
    </Box>
  );
}
