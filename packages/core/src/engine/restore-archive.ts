// `grill import-archive`: an archive (archive.ts) back into an empty home. Kept with the parser
// (the `@grill/core/parse` entry) because restoring imports the archived deck files.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_CLOCK_AHEAD_MS, msAhead } from '@grill/protocol';
import { parseDeck } from '../deck/parse-deck.js';
import { InvalidInputError } from '../errors.js';
import type { ArchiveContents } from './archive.js';
import type { Grill } from './grill.js';
import type { DeckImportSummary } from './import-decks.js';
import { importPaths } from './import-paths.js';

/**
 * Restores `archive` (checked by readArchive) into `grill`, which must have no events yet (but
 * the time zone grill records on its first run; the archive's later settings follow it): its
 * deck files are written to `decksDir` as <deck id>.md and imported, then its review log is
 * ingested (answers, undos, settings: card states and settings are derived from it). All or
 * nothing: a deck file already at the target, a deck that does not import, or a home with events
 * throws InvalidInputError (`not-empty`, `exists`, or the deck problems) and leaves no file behind;
 * so do a deck file whose front matter names another deck than the manifest (`bad-archive`) and an
 * event stamped further ahead of `now` than a server accepts (MAX_CLOCK_AHEAD_MS, `bad-archive`):
 * once stored it would sort after every answer made here for as long as the clock lags it.
 */
export function restoreArchive(
  grill: Grill,
  archive: ArchiveContents,
  decksDir: string,
  now: number,
): { decks: DeckImportSummary[]; events: number } {
  // Empty: nothing but the time zone grill records by itself the first time it runs.
  const present = [...grill.store.events.iterate()].filter(
    (e) => !(e.type === 'setting' && e.payload.key === 'time-zone'),
  ).length;
  if (present > 0)
    throw new InvalidInputError(
      'not-empty',
      `this home already has a review log (${present} ${present === 1 ? 'event' : 'events'}): an archive restores into an empty home only (a new GRILL_HOME, say)`,
    );
  for (const [id, text] of archive.decks) {
    const named = parseDeck(text, `decks/${id}.md`).deck?.id;
    if (named !== undefined && named !== id)
      throw new InvalidInputError(
        'bad-archive',
        `decks/${id}.md says id: ${named}, the manifest ${id}: the archive was altered; nothing restored`,
      );
  }
  const ahead = archive.events.find((e) => msAhead(e, now) > MAX_CLOCK_AHEAD_MS);
  if (ahead)
    throw new InvalidInputError(
      'bad-archive',
      `events.jsonl: event ${ahead.id} is stamped ${new Date(Math.max(ahead.at, now + msAhead(ahead, now))).toISOString()}, ahead of this clock (${new Date(now).toISOString()}); nothing restored`,
    );
  const files = [...archive.decks.keys()].map((id) => path.join(decksDir, `${id}.md`));
  const taken = files.find((f) => existsSync(f));
  if (taken)
    throw new InvalidInputError('exists', `${taken} already exists: nothing restored (choose --decks-dir)`);
  const written: string[] = [];
  try {
    if (files.length > 0) mkdirSync(decksDir, { recursive: true });
    for (const [id, text] of archive.decks) {
      const file = path.join(decksDir, `${id}.md`);
      writeFileSync(file, text, { flag: 'wx' });
      written.push(file);
    }
    const decks = files.length > 0 ? importPaths(grill, files, now) : [];
    grill.ingest(archive.events);
    return { decks, events: archive.events.length };
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    throw error;
  }
}
