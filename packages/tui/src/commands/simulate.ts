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
    throw new InvalidInputError('bad-number', `bad --${flag} "${raw}": a whole number`);
  return n;
};

/** `grill simulate`: workload against retention, on this collection. */
export function simulateCommand(opts: SimulateCommandOptions): Promise<void> {
  const retentions = opts.retention?.split(',').map((r) => Number(r.trim()));
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
    printText(formatSimulation(result.days, result.results));
  });
}

const BARS = '▁▂▃▄▅▆▇█';

/** A table (one row per retention) and a chart of answers a day, per retention. */
export function formatSimulation(days: number, results: readonly SimulationResult[]): string {
  const max = Math.max(1, ...results.flatMap((r) => r.perDay));
  const lines = [
    `Next ${days} days, simulated with your memory states and answer times:`,
    '',
    'retention  reviews/day  min/day  remembered at the end',
    ...results.map(
      (r) =>
        `${`${Math.round(r.retention * 100)}%`.padStart(9)}  ${r.reviewsPerDay.toFixed(1).padStart(11)}  ${r.minutesPerDay.toFixed(1).padStart(7)}  ${String(r.remembered).padStart(21)}`,
    ),
    '',
    `answers a day (max ${max}):`,
    ...results.map(
      (r) =>
        `${`${Math.round(r.retention * 100)}%`.padStart(4)} ${r.perDay.map((n) => (n === 0 ? ' ' : BARS[Math.min(7, Math.floor((n / max) * 7.99))])).join('')}`,
    ),
  ];
  return lines.join('\n');
}
