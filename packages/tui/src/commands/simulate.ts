import { InvalidInputError, type SimulationResult, simulate } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';

export interface SimulateCommandOptions {
  days?: string;
  retention?: string;
  newPerDay?: string;
  seed?: string;
  json?: boolean;
}

const whole = (flag: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n))
    throw new InvalidInputError('bad-number', `bad --${flag} "${raw}": a whole number, 0 or more`);
  return n;
};

/** `0.8,0.9` → [0.8, 0.9]: each one a number as typed, duplicates merged, lowest first. */
function parseRetentions(raw: string): number[] {
  const parts = raw.split(',').map((r) => r.trim());
  const bad = parts.find((p) => !/^(0?\.\d+|1(\.0*)?)$/.test(p));
  if (bad !== undefined)
    throw new InvalidInputError(
      'bad-retention',
      `bad --retention "${bad}": desired retentions from 0.7 to 0.99, separated by commas, e.g. 0.85,0.9`,
    );
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** `grill simulate`: workload against retention, on this collection. */
export function simulateCommand(opts: SimulateCommandOptions): Promise<void> {
  const retentions = opts.retention === undefined ? undefined : parseRetentions(opts.retention);
  const days = whole('days', opts.days);
  const newPerDay = whole('new-per-day', opts.newPerDay);
  const seed = whole('seed', opts.seed);
  return withGrill((grill, now) => {
    const result = simulate(grill, now, {
      ...(days !== undefined ? { days } : {}),
      ...(retentions ? { retentions } : {}),
      ...(newPerDay !== undefined ? { newPerDay } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    if (opts.json) {
      printJson({ ...result, results: result.results.map(({ perDay: _perDay, ...r }) => r) });
      return;
    }
    const columns = process.stdout.isTTY ? (process.stdout.columns ?? 80) : 80;
    printText(formatSimulation(result.days, result.results, columns, grill.settings().reviewsPerDay));
  });
}

const BARS = '▁▂▃▄▅▆▇█';
/** 0.9 → 90%, 0.875 → 87.5%: as precise as the retention typed. */
const percent = (retention: number) => `${Number((retention * 100).toFixed(1))}%`;

/** A table (one row per retention) and a chart of answers a day, per retention. */
export function formatSimulation(
  days: number,
  results: readonly SimulationResult[],
  columns = 80,
  reviewLimit?: number,
): string {
  // One column a day, or a day range per column (its busiest day) when the days outnumber the columns.
  const width = Math.max(10, columns - 6);
  const per = Math.ceil(days / width);
  const chart = (perDay: number[]) =>
    Array.from({ length: Math.ceil(perDay.length / per) }, (_, i) =>
      Math.max(...perDay.slice(i * per, (i + 1) * per)),
    );
  const max = Math.max(1, ...results.flatMap((r) => r.perDay));
  const lines = [
    `Next ${days} days, simulated with your memory states and answer times:`,
    '',
    'retention  reviews/day  min/day  remembered at the end',
    ...results.map(
      (r) =>
        `${percent(r.retention).padStart(9)}  ${r.reviewsPerDay.toFixed(1).padStart(11)}  ${r.minutesPerDay.toFixed(1).padStart(7)}  ${String(r.remembered).padStart(21)}`,
    ),
    ...(results.some((r) => r.backlog > 0)
      ? [
          '',
          `The daily review limit${reviewLimit === undefined ? '' : ` (reviews-per-day ${reviewLimit})`} holds reviews back: still waiting at the end, ${results.map((r) => `${r.backlog} at ${percent(r.retention)}`).join(', ')}.`,
        ]
      : []),
    '',
    `answers a day (max ${max}${per > 1 ? `; a column is ${per} days, its busiest` : ''}):`,
    ...results.map(
      (r) =>
        `${percent(r.retention).padStart(5)} ${chart(r.perDay)
          .map((n) => (n === 0 ? ' ' : BARS[Math.min(7, Math.floor((n / max) * 7.99))]))
          .join('')}`,
    ),
  ];
  return lines.join('\n');
}
