import { Text } from 'ink';

export interface ProgressBarProps {
  readonly done: number;
  readonly remaining: number;
  readonly width: number;
}

/** `████░░░░ 3 done · 5 left` */
export function ProgressBar({ done, remaining, width }: ProgressBarProps) {
  const total = done + remaining;
  const cells = Math.max(5, Math.min(30, width - 24));
  const filled = total === 0 ? cells : Math.round((done / total) * cells);
  return (
    <Text>
      <Text color="green">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(cells - filled)}</Text>
      <Text>{` ${done} done · ${remaining} left`}</Text>
    </Text>
  );
}
