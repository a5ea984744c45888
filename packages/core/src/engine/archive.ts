// `grill export` and `grill import-archive`: everything a home holds that cannot be made again —
// the user's own deck files and the whole review log (answers, undos, suspensions, settings) — as
// one zip, and back into an empty home. Card states, review facts and settings are derived from
// the log, so they are not archived: restoring replays them. Bundled decks come with grill and
// are left out. Entries: manifest.json, decks/<deck id>.md, events.jsonl (one event a line).
import { readFileSync } from 'node:fs';
import { eventProblem } from '@grill/protocol';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { isValidId } from '../deck/ids.js';
import { InvalidInputError } from '../errors.js';
import type { GrillEvent } from '../scheduler/events.js';
import type { Grill } from './grill.js';
import { invalidEventLine } from './quarantine.js';
import type { DeckRecord } from './records.js';

export const ARCHIVE_FORMAT = 'grill-archive';
export const ARCHIVE_VERSION = 1;

/** What an archive holds, as its manifest.json says. */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  /** When it was made (ISO time). */
  exportedAt: string;
  /** The user's own decks, each at decks/<id>.md. */
  decks: { id: string; title: string }[];
  /** Events in events.jsonl. */
  events: number;
}

export interface ArchiveContents {
  manifest: ArchiveManifest;
  /** Deck id → the deck file's text. */
  decks: Map<string, string>;
  events: GrillEvent[];
}

/**
 * The archive of `grill`'s home at `now`: the zip's bytes, its manifest, and one warning line per
 * deck whose file could not be read (its cards' history is archived, its text is not).
 * `isBundled` tells the decks that ship with grill, which are left out.
 */
export function exportArchive(
  grill: Grill,
  now: number,
  isBundled: (deck: DeckRecord) => boolean,
): { bytes: Uint8Array; manifest: ArchiveManifest; warnings: string[] } {
  const files: Record<string, Uint8Array> = {};
  const decks: ArchiveManifest['decks'] = [];
  const warnings: string[] = [];
  for (const deck of grill.decks()) {
    if (isBundled(deck)) continue;
    try {
      files[`decks/${deck.id}.md`] = readFileSync(deck.sourcePath);
      decks.push({ id: deck.id, title: deck.title });
    } catch (error) {
      warnings.push(
        `deck ${deck.id}: cannot read ${deck.sourcePath} (${(error as NodeJS.ErrnoException).code ?? 'error'}): its cards' history is in the archive, its text is not`,
      );
    }
  }
  const lines: string[] = [];
  for (const event of grill.store.events.iterate()) lines.push(`${JSON.stringify(event)}\n`);
  files['events.jsonl'] = strToU8(lines.join(''));
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(now).toISOString(),
    decks,
    events: lines.length,
  };
  files['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  return { bytes: zipSync(files, { level: 6, mtime: new Date(now) }), manifest, warnings };
}

/**
 * Reads and checks an archive made by exportArchive: every event against the sync protocol's
 * schema (the same checks as events pulled from a server), every deck id a valid id. `label`
 * names the archive in errors. Throws InvalidInputError `bad-archive` with one line saying where
 * (`FILE: events.jsonl line 3: …`); nothing is changed either way.
 */
export function readArchive(bytes: Uint8Array, label: string): ArchiveContents {
  const bad = (what: string) => new InvalidInputError('bad-archive', `${label}: ${what}`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw bad('not a grill archive (not a zip file)');
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw bad('not a grill archive (no manifest.json)');
  const manifest = parseJson(manifestBytes, () =>
    bad('manifest.json is not JSON'),
  ) as Partial<ArchiveManifest>;
  if (manifest?.format !== ARCHIVE_FORMAT)
    throw bad('not a grill archive (manifest.json has another format)');
  if (manifest.version !== ARCHIVE_VERSION)
    throw bad(`archive version ${String(manifest.version)} is not one this grill reads (${ARCHIVE_VERSION})`);
  if (!Array.isArray(manifest.decks)) throw bad('manifest.json has no deck list');
  const decks = new Map<string, string>();
  for (const deck of manifest.decks) {
    const id = (deck as { id?: unknown })?.id;
    if (typeof id !== 'string' || !isValidId(id))
      throw bad(`manifest.json names a bad deck id ${JSON.stringify(id)}`);
    const text = entries[`decks/${id}.md`];
    if (!text) throw bad(`decks/${id}.md is missing`);
    decks.set(id, strFromU8(text));
  }
  const eventsBytes = entries['events.jsonl'];
  if (!eventsBytes) throw bad('events.jsonl is missing');
  const events: GrillEvent[] = [];
  strFromU8(eventsBytes)
    .split('\n')
    .forEach((line, i) => {
      if (line === '') return;
      const event = parseJson(strToU8(line), () => bad(`events.jsonl line ${i + 1} is not JSON`));
      const problem = eventProblem(event);
      if (problem) throw bad(`events.jsonl line ${i + 1}: ${invalidEventLine(event, problem)}`);
      events.push(event as GrillEvent);
    });
  // A file cut short or padded: the manifest counted the events it was made with.
  const ids = new Set(events.map((e) => e.id));
  if (ids.size !== events.length) throw bad('events.jsonl holds an event twice');
  if (typeof manifest.events === 'number' && manifest.events !== events.length)
    throw bad(
      `events.jsonl holds ${events.length} events, the manifest says ${manifest.events}: the archive is incomplete`,
    );
  return { manifest: manifest as ArchiveManifest, decks, events };
}

function parseJson(bytes: Uint8Array, error: () => Error): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw error();
  }
}
