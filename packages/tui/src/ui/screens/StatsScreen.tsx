import { Box, Text } from 'ink';
import type { StatsData } from '../view-data.js';
import { stripInline } from './CardScreen.js';

export interface StatsScreenProps {
  readonly data: StatsData;
  readonly width: number;
}

const SHADES = [' ', '░', '▒', '▓', '█'];
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Heatmap of 26 weeks (a column per week, oldest on the left), 30-day forecast, retention, weakest cards. */
export function StatsScreen({ data, width }: StatsScreenProps) {
  const max = Math.max(1, ...data.heatmap.map((d) => d.reviews));
  const weeks = Math.ceil(data.heatmap.length / 7);
  const rows = Array.from({ length: 7 }, (_, day) =>
    Array.from({ length: weeks }, (_, week) => {
      const cell = data.heatmap[week * 7 + day];
      if (!cell) return ' ';
      return cell.reviews === 0 ? '·' : (SHADES[Math.min(4, Math.ceil((cell.reviews / max) * 4))] ?? '█');
    }).join(''),
  );
  const fmax = Math.max(1, ...data.forecast.map((d) => d.due));
  const bars = data.forecast
    .map((d) => (d.due === 0 ? ' ' : (BARS[Math.min(7, Math.floor((d.due / fmax) * 7.99))] ?? '█')))
    .join('');
  const pct = (r: number | null) => (r === null ? '  —  ' : `${(r * 100).toFixed(0).padStart(3)}% `);
  const half = Math.max(30, Math.floor(width / 2) - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Reviews, last 26 weeks</Text>
      {rows.map((row, i) => (
        <Text key={`d${i}`} color="green">
          {row}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <Text bold>{`Due, next 30 days (max ${fmax}/day)`}</Text>
        <Text color="cyan">{bars}</Text>
        <Text
          dimColor
        >{`${data.forecast[0]?.date ?? ''}${' '.repeat(Math.max(1, 30 - 20))}${data.forecast[29]?.date ?? ''}`}</Text>
      </Box>
      <Box marginTop={1} flexWrap="wrap">
        <Box flexDirection="column" width={half}>
          <Text bold>True retention (30 days), per deck</Text>
          {data.retentionByDeck.length === 0 ? <Text dimColor>no reviews yet</Text> : null}
          {data.retentionByDeck.map((d) => (
            <Text key={d.name} wrap="truncate">{`${pct(d.rate)} ${d.name} (${d.reviews})`}</Text>
          ))}
        </Box>
        <Box flexDirection="column" width={half}>
          <Text bold>per tag</Text>
          {data.retentionByTag.slice(0, 8).map((d) => (
            <Text key={d.name} wrap="truncate">{`${pct(d.rate)} ${d.name} (${d.reviews})`}</Text>
          ))}
        </Box>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Weakest cards</Text>
        {data.weakest.length === 0 ? <Text dimColor>no lapses yet</Text> : null}
        {data.weakest.map((w) => (
          <Text key={w.key} wrap="truncate">
            <Text
              color={w.leech ? 'red' : 'yellow'}
            >{`${String(w.lapses).padStart(2)} ${w.lapses === 1 ? 'lapse ' : 'lapses'}${w.leech ? ' leech' : '      '} `}</Text>
            {`${w.key} — ${stripInline(w.title)}`}
          </Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <Text
          dimColor
        >{`${data.totals.cards} cards · ${data.totals.review} in review · ${data.totals.leeches} leeches   w drill weakest · Esc back · q quit`}</Text>
      </Box>
    </Box>
  );
}
