import { Grill, grillHome, InvalidInputError, refreshBundledDecks } from '@grill/core';
import { formatProblem } from './output.js';

/** The clock, read once at the edge: `GRILL_NOW` (ISO time) if set, else the real time. */
export function clockNow(env: NodeJS.ProcessEnv = process.env): number {
  const fixed = env.GRILL_NOW;
  if (!fixed) return Date.now();
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms))
    throw new InvalidInputError(
      'bad-now',
      `GRILL_NOW="${fixed}" is not an ISO time (e.g. 2026-03-01T09:00:00Z)`,
    );
  return ms;
}

/**
 * Opens the database in `$GRILL_HOME`, importing new or changed bundled decks first so the app
 * works out of the box. Problems in a bundled deck are reported but do not block the command.
 */
export async function openGrill(): Promise<{ grill: Grill; now: number }> {
  const now = clockNow();
  const grill = Grill.open(grillHome(), {
    onRederive: () =>
      process.stderr.write(
        'grill: this version schedules differently: re-deriving every card from the review log (once)…\n',
      ),
  });
  grill.ensureTimeZone(now);
  const { problems } = await refreshBundledDecks(grill, now);
  for (const p of problems) process.stderr.write(`grill: skipped a bundled deck: ${formatProblem(p)}\n`);
  return { grill, now };
}

/** Runs `fn` with an open grill and always closes it. */
export async function withGrill<T>(fn: (grill: Grill, now: number) => T | Promise<T>): Promise<T> {
  const { grill, now } = await openGrill();
  try {
    return await fn(grill, now);
  } finally {
    grill.close();
  }
}
