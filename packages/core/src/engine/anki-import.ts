// `grill import-anki`: an Anki package as deck files in a folder (anki/to-decks.ts), imported as
// `grill import` imports (all or nothing), then, if asked, its review log as answers
// (anki/to-history.ts). Like restoreArchive, it writes files: they are put back as they were, and
// the database left unchanged, when any step fails.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deckOrigin } from '../anki/deck-file.js';
import { ankiGuid } from '../anki/guid.js';
import type { AnkiCollection } from '../anki/model.js';
import type { AnkiDecks, AnkiToDecksOptions, KnownDeckCard } from '../anki/to-decks.js';
import { ankiHistory } from '../anki/to-history.js';
import { clozeSiblingGroup } from '../deck/card-key.js';
import { parseDeck } from '../deck/parse-deck.js';
import { InvalidInputError } from '../errors.js';
import type { Grill } from './grill.js';
import type { DeckImportSummary } from './import-decks.js';
import { importPaths } from './import-paths.js';

export interface AnkiImportOptions {
  /** The folder the deck files are written to (media go to its `media` folder). */
  dir: string;
  /** The package's file name without its extension: what marks the files as this package's. */
  packageName: string;
  /** Also turn the package's review log into answers. */
  withHistory?: boolean;
  /** Write even when the folder holds deck files of other origin (those in the way are replaced). */
  force?: boolean;
}

export interface AnkiImportDeck extends DeckImportSummary {
  /** The Anki decks whose notes the deck holds (none: a deck of an earlier import now empty). */
  ankiDecks: string[];
  notes: number;
  cards: number;
}

export interface AnkiImportResult {
  dir: string;
  decks: AnkiImportDeck[];
  notes: number;
  cards: number;
  warnings: string[];
  media: { copied: string[]; missing: string[] };
  /** With --with-history: answers converted, entries skipped, events new to this home. */
  history: { converted: number; skipped: number; added: number } | null;
}

const MEDIA_DIR = 'media';

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Imports the collection `col` (read by readAnkiPackage) into `grill` through deck files in
 * `options.dir`: one per Anki deck, replacing those an earlier import of the same package wrote
 * (a deck the package no longer has is written empty, so its cards retire). Refuses, writing
 * nothing, when the folder holds other deck files (InvalidInputError `exists`; `force` writes
 * beside them). Any failure leaves the files as they were and the database unchanged.
 * Asynchronous only to load the HTML-to-markdown converter, which no other command needs.
 */
export async function importAnki(
  grill: Grill,
  col: AnkiCollection,
  options: AnkiImportOptions,
  now: number,
): Promise<AnkiImportResult> {
  const dir = path.resolve(options.dir);
  const present = presentFiles(dir, options.packageName);
  if (present.others.length > 0 && !options.force)
    throw new InvalidInputError(
      'exists',
      `${dir} holds deck files an earlier import of ${options.packageName} did not write (${present.others.map((f) => path.basename(f.file)).join(', ')}): nothing written (--force writes beside them)`,
    );
  // Deck ids held elsewhere: an Anki deck does not take one over (a deck of a file in this folder,
  // one this command wrote before, it may).
  const ours = new Set(present.ours.map((f) => f.file));
  const reservedDeckIds = new Set([
    ...grill
      .decks()
      .filter((d) => !ours.has(d.sourcePath) && !isInside(d.sourcePath, dir))
      .map((d) => d.id),
    ...present.others.flatMap((f) => (f.deckId ? [f.deckId] : [])),
  ]);
  const previousDeckIds = new Map<string, string>();
  for (const f of present.ours)
    if (f.deckId) for (const name of f.ankiDecks) previousDeckIds.set(name, f.deckId);
  const { ankiToDecks } = await import('../anki/to-decks.js');
  const plan = ankiToDecks(col, {
    packageName: options.packageName,
    known: knownCards(grill),
    reservedDeckIds,
    previousDeckIds,
    mediaDir: MEDIA_DIR,
  } satisfies AnkiToDecksOptions);
  const history = options.withHistory ? ankiHistory(col.revlog, plan.cardKeys) : null;

  const writing = new Set(plan.decks.map((d) => path.join(dir, d.fileName)));
  const planIds = new Set(plan.decks.map((d) => d.deckId));
  // Files of an earlier import whose deck the package no longer has: written again with no cards.
  const emptied = present.ours.filter((f) => !writing.has(f.file) && f.deckId && !planIds.has(f.deckId));
  const files = new FileChanges();
  try {
    files.mkdir(dir);
    for (const deck of plan.decks) files.write(path.join(dir, deck.fileName), deck.text);
    for (const f of emptied) files.write(f.file, f.emptied);
    // An earlier file of a deck now written under another name would hold the same id twice.
    for (const f of present.ours)
      if (!writing.has(f.file) && !emptied.includes(f) && f.deckId && planIds.has(f.deckId))
        files.remove(f.file);
    const missing = copyMedia(col, plan, path.join(dir, MEDIA_DIR), files);
    const paths = [...writing, ...emptied.map((f) => f.file)];
    const { summaries, added } = grill.store.transaction(() => {
      const summaries = importPaths(grill, paths, now);
      const before = grill.eventCount();
      if (history) grill.ingest(history.events);
      return { summaries, added: grill.eventCount() - before };
    });
    const byId = new Map(plan.decks.map((d) => [d.deckId, d]));
    return {
      dir,
      decks: summaries.map((s) => {
        const deck = byId.get(s.deckId);
        return { ...s, ankiDecks: deck?.ankiDecks ?? [], notes: deck?.notes ?? 0, cards: deck?.cards ?? 0 };
      }),
      notes: plan.notes,
      cards: plan.cards,
      warnings: plan.warnings,
      media: {
        copied: plan.media.copy.filter((m) => !missing.includes(m)),
        missing: [...plan.media.missing, ...missing].sort(),
      },
      history: history && { converted: history.converted, skipped: history.skipped, added },
    };
  } catch (error) {
    files.undo();
    throw error;
  }
}

/** The media the notes show, copied from the package; returns those it turned out to lack. */
function copyMedia(col: AnkiCollection, plan: AnkiDecks, mediaDir: string, files: FileChanges): string[] {
  const missing: string[] = [];
  if (plan.media.copy.length === 0) return missing;
  files.mkdir(mediaDir);
  for (const name of plan.media.copy) {
    const bytes = col.readMedia(name);
    if (bytes === undefined) missing.push(name);
    else files.write(path.join(mediaDir, name), bytes);
  }
  return missing;
}

interface PresentFile {
  file: string;
  deckId: string | null;
  ankiDecks: string[];
  /** The file with no cards (an earlier import's, only). */
  emptied: string;
}

/** The deck files already in `dir`: those an earlier import of `packageName` wrote, and the others. */
function presentFiles(dir: string, packageName: string): { ours: PresentFile[]; others: PresentFile[] } {
  const ours: PresentFile[] = [];
  const others: PresentFile[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.md'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ours, others };
    if (code === 'ENOTDIR')
      throw new InvalidInputError('exists', `${dir} is a file, not a folder: nothing written`);
    throw error;
  }
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a folder named *.md, say
    }
    const origin = deckOrigin(text);
    const deck = parseDeck(text, file).deck;
    const present = {
      file,
      deckId: deck?.id ?? null,
      ankiDecks: origin?.decks ?? [],
      emptied: emptiedText(text),
    };
    if (origin?.package === packageName) ours.push(present);
    else others.push(present);
  }
  return { ours, others };
}

/** A deck file as this command writes it, cut before its first card. */
function emptiedText(text: string): string {
  const card = /^## /m.exec(text);
  return card ? `${text.slice(0, card.index).trimEnd()}\n` : text;
}

/** The cards of this home by the guid `grill export-anki` gives their notes. */
function knownCards(grill: Grill): NonNullable<AnkiToDecksOptions['known']> {
  const known = new Map<string, KnownDeckCard>();
  for (const deck of grill.decks()) {
    for (const row of grill.store.cards.indexOfDeck(deck.id)) {
      const noteKey = clozeSiblingGroup(row.key) ?? row.key;
      const guid = ankiGuid(noteKey);
      if (known.has(guid)) continue;
      const content = grill.card(row.key)?.content;
      if (!content) continue;
      known.set(guid, {
        deckId: deck.id,
        cardId: noteKey.slice(deck.id.length + 1),
        kind: content.kind,
        typed: content.kind === 'cloze' && content.typed,
        deckTitle: deck.title,
        deckDescription: deck.description,
      });
    }
  }
  return known;
}

/** File writes and removals that can be undone: what was there before is put back. */
class FileChanges {
  private readonly undos: (() => void)[] = [];

  mkdir(dir: string): void {
    const created = mkdirSync(dir, { recursive: true });
    if (created !== undefined) this.undos.push(() => rmSync(created, { recursive: true, force: true }));
  }

  write(file: string, data: string | Uint8Array): void {
    this.keep(file);
    writeFileSync(file, data);
  }

  remove(file: string): void {
    this.keep(file);
    unlinkSync(file);
  }

  private keep(file: string): void {
    if (existsSync(file)) {
      const before = readFileSync(file);
      this.undos.push(() => writeFileSync(file, before));
    } else {
      this.undos.push(() => rmSync(file, { force: true }));
    }
  }

  undo(): void {
    for (const undo of this.undos.reverse()) {
      try {
        undo();
      } catch {
        // Put back what can be; the error that made the undo is what gets reported.
      }
    }
  }
}
