import { formatInterval, type Rating } from '@grill/core';
import { Text } from 'ink';

const NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };
const COLORS: Record<Rating, string> = { 1: 'red', 2: 'yellow', 3: 'green', 4: 'cyan' };

export interface RatingBarProps {
  /** Due time each rating would give. */
  readonly intervals: Record<Rating, number>;
  readonly now: number;
  /** The pre-selected rating, confirmed with Enter. */
  readonly selected: Rating | null;
}

/** `1 Again 10m · 2 Hard 2d · 3 Good 4d · 4 Easy 9d`, the pre-selected one highlighted. */
export function RatingBar({ intervals, now, selected }: RatingBarProps) {
  const ratings = [1, 2, 3, 4] as Rating[];
  return (
    <Text wrap="wrap">
      {ratings.map((r, i) => (
        <Text key={r}>
          {i > 0 ? ' · ' : ''}
          <Text color={COLORS[r]} inverse={selected === r} bold={selected === r}>
            {`${r} ${NAMES[r]} ${formatInterval(intervals[r] - now)}`}
          </Text>
        </Text>
      ))}
      {selected ? <Text dimColor>{`   Enter = ${NAMES[selected]}`}</Text> : null}
    </Text>
  );
}

export const RATING_LABELS = NAMES;
