import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findDeckFiles } from '../deck/find-deck-files.js';
import { duplicateDeckId, loadDecks } from '../deck/load-decks.js';
import type { Grill } from './grill.js';
import { type DeckImportSummary, DeckProblemsError, fileHash, importDecks } from './import-decks.js';

/**
 * Reads and imports deck files and folders, all or nothing. Files whose text has not changed
 * since they were last imported (same path, same hash) are not parsed again.
 */
export function importPaths(grill: Grill, paths: readonly string[], now: number): DeckImportSummary[] {
  const bySource = new Map(grill.store.decks.all().map((d) => [d.sourcePath, d]));
  const unchanged: DeckImportSummary[] = [];
  const changed: string[] = [];
  for (const file of findDeckFiles(paths)) {
    const known = bySource.get(path.resolve(file));
    if (known && known.sourceHash === fileHash(readFileSync(file, 'utf8'))) {
      const cards = grill.store.cards.indexOfDeck(known.id).filter((c) => !c.retired).length;
      unchanged.push({
        deckId: known.id,
        title: known.title,
        file: known.sourcePath,
        added: 0,
        updated: 0,
        unchanged: cards,
        retired: 0,
        restored: 0,
      });
    } else {
      changed.push(file);
    }
  }
  const loaded = changed.length > 0 ? loadDecks(changed) : [];
  // A changed file may claim the id of a deck that an unchanged file in this import holds.
  const kept = new Map(unchanged.map((s) => [s.deckId, s.file]));
  for (const d of loaded) {
    const owner = d.deck ? kept.get(d.deck.id) : undefined;
    if (d.deck && owner) {
      d.problems.push(duplicateDeckId(d.deck.file, d.deck.line, d.deck.id, owner));
    }
  }
  if (loaded.some((d) => d.problems.length > 0))
    throw new DeckProblemsError(loaded.flatMap((d) => d.problems));
  return [...importDecks(grill, loaded, now), ...unchanged].sort((a, b) =>
    a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0,
  );
}
