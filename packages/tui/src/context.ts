import { readFileSync } from 'node:fs';
import { Grill, InvalidInputError, refreshBundledDecks, terminalSafe } from '@grill/core';
import { formatProblem } from './output.js';
import { bundledContentDir, grillHome } from './paths.js';

/**
 * The clock, read once at the edge: `GRILL_NOW` (ISO time) if set, else the real time.
 * `GRILL_NOW=@FILE` reads the time from FILE at every reading: a clock that a test (or a
 * simulation) moves while the drill runs, by replacing the file.
 */
export function clockNow(env: NodeJS.ProcessEnv = process.env): number {
  const fixed = env.GRILL_NOW;
  if (!fixed) return Date.now();
  const text = fixed.startsWith('@') ? readClockFile(fixed.slice(1)) : fixed;
  const ms = parseInstant(text);
  if (ms === null)
    throw new InvalidInputError(
      'bad-now',
      `GRILL_NOW="${terminalSafe(fixed)}" is not an ISO time with a zone between 1970 and 9999 (e.g. 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00)${fixed === text ? '' : `: the file holds "${terminalSafe(text)}"`}`,
    );
  return ms;
}

function readClockFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new InvalidInputError(
      'bad-now',
      `GRILL_NOW="@${terminalSafe(file)}": cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/**
 * An ISO instant with its zone (`Z` or `±hh:mm`: without one, machines in different zones would
 * read the same text differently), a real calendar date (no 02-30), from 1970 to 9999. Null if not.
 */
export function parseInstant(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.exec(
    text,
  );
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
  if (date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day) return null;
  if ((hour as number) > 23 || (minute as number) > 59 || second > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || (year as number) < 1970 ? null : ms;
}

/** What opening does besides opening: `bundledDecks` false skips bringing the bundled decks up to date. */
export interface OpenOptions {
  /**
   * Import new or changed bundled decks first (default true). Commands that never read cards (sync,
   * login, logout) skip it: a sync needs only the review log, and the next command that shows
   * cards imports them, re-deriving the states of cards that already have events.
   */
  bundledDecks?: boolean;
}

/**
 * Opens the database in `$GRILL_HOME`, importing new or changed bundled decks first so the app
 * works out of the box (see OpenOptions). Problems in a bundled deck are reported but do not
 * block the command.
 */
export async function openGrill(options: OpenOptions = {}): Promise<{ grill: Grill; now: number }> {
  const now = clockNow();
  const grill = Grill.open(grillHome(), {
    onRederive: () =>
      process.stderr.write(
        'grill: this version schedules differently: re-deriving every card from the review log (once)…\n',
      ),
  });
  try {
    grill.ensureTimeZone(now);
    if (options.bundledDecks === false) return { grill, now };
    const { problems } = await refreshBundledDecks(grill, now, bundledContentDir());
    for (const p of problems) process.stderr.write(`grill: skipped a bundled deck: ${formatProblem(p)}\n`);
    return { grill, now };
  } catch (error) {
    // The caller never gets the database to close, so it is closed here (tests run many
    // commands in one process).
    grill.close();
    throw error;
  }
}

/** Runs `fn` with an open grill (see openGrill) and always closes it. */
export async function withGrill<T>(
  fn: (grill: Grill, now: number) => T | Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const { grill, now } = await openGrill(options);
  try {
    return await fn(grill, now);
  } finally {
    grill.close();
  }
}
