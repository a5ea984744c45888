import type { LoadedDeck } from '../deck/load-decks.js';
import type { Problem } from '../deck/model.js';
import { DeckError } from '../errors.js';
import { nodeCrypto } from '../node-crypto.js';
import type { Grill } from './grill.js';

export interface DeckImportSummary {
  deckId: string;
  title: string;
  file: string;
  added: number;
  updated: number;
  unchanged: number;
  retired: number;
  /** Retired cards that came back (with their history). */
  restored: number;
  /** Set when the deck was last imported from another file. */
  previousFile?: string;
}

/** Decks with problems: nothing was imported. */
export class DeckProblemsError extends DeckError {
  constructor(readonly problems: Problem[]) {
    super(
      'invalid-decks',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in deck files: nothing was imported`,
    );
  }
}

export function fileHash(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

/**
 * Imports parsed decks in one transaction: all valid or nothing written. A deck is keyed by its
 * id wherever its file lives; cards are matched by key, so edits keep their history, cards
 * missing from the file are retired, and retired cards that reappear are restored.
 */
export function importDecks(grill: Grill, decks: readonly LoadedDeck[], now: number): DeckImportSummary[] {
  const problems = decks.flatMap((d) => d.problems);
  if (problems.length > 0) throw new DeckProblemsError(problems);
  const { store } = grill;
  return store.transaction(() => {
    const summaries: DeckImportSummary[] = [];
    const replay: string[] = [];
    for (const loaded of decks) {
      const deck = loaded.deck;
      if (!deck) continue;
      const hash = fileHash(loaded.text);
      const existing = store.decks.get(deck.id);
      const summary: DeckImportSummary = {
        deckId: deck.id,
        title: deck.title,
        file: loaded.absPath,
        added: 0,
        updated: 0,
        unchanged: 0,
        retired: 0,
        restored: 0,
      };
      if (existing && existing.sourcePath !== loaded.absPath) summary.previousFile = existing.sourcePath;
      if (existing && existing.sourceHash === hash && existing.sourcePath === loaded.absPath) {
        store.decks.seen(deck.id, loaded.size, loaded.mtimeMs);
        summary.unchanged = loaded.cards.length;
        summaries.push(summary);
        continue;
      }
      store.decks.upsert({
        id: deck.id,
        title: deck.title,
        description: deck.description,
        tags: deck.tags,
        sourcePath: loaded.absPath,
        sourceHash: hash,
        sourceSize: loaded.size,
        sourceMtime: loaded.mtimeMs,
        importedAt: now,
      });
      const known = new Map(store.cards.indexOfDeck(deck.id).map((c) => [c.key, c]));
      loaded.cards.forEach((card, position) => {
        const old = known.get(card.key);
        known.delete(card.key);
        if (!old) {
          store.cards.insert(card, position, now);
          replay.push(card.key); // events may have arrived (by sync) before the card did
          summary.added++;
          return;
        }
        if (old.retired) summary.restored++;
        if (old.contentHash !== card.hash) {
          store.cards.update(card, position);
          if (!old.retired) summary.updated++;
        } else {
          if (old.retired || old.sourceLine !== card.line || old.position !== position)
            store.cards.place(card.key, card.line, position);
          if (!old.retired) summary.unchanged++;
        }
      });
      for (const gone of known.values()) {
        if (gone.retired) continue;
        store.cards.retire(gone.key);
        summary.retired++;
      }
      summaries.push(summary);
    }
    for (const key of replay) if (store.events.forCard(key).length > 0) grill.rebuild(key);
    return summaries;
  });
}
