import { findDeckFiles } from '../deck/find-deck-files.js';
import { duplicateDeckId, loadDecks } from '../deck/load-decks.js';
import { partitionByChange } from './deck-changes.js';
import type { Grill } from './grill.js';
import { type DeckImportSummary, DeckProblemsError, importDecks } from './import-decks.js';

/**
 * Reads and imports deck files and folders, all or nothing. Files whose text has not changed
 * since they were last imported (same path, same hash) are not parsed again.
 */
export function importPaths(grill: Grill, paths: readonly string[], now: number): DeckImportSummary[] {
  const partition = partitionByChange(grill, findDeckFiles(paths));
  const counts = new Map<string, number>();
  for (const c of grill.store.cards.counts()) counts.set(c.deckId, (counts.get(c.deckId) ?? 0) + c.n);
  const unchanged: DeckImportSummary[] = partition.unchanged.map((d) => ({
    deckId: d.id,
    title: d.title,
    file: d.sourcePath,
    added: 0,
    updated: 0,
    unchanged: counts.get(d.id) ?? 0,
    retired: 0,
    restored: 0,
  }));
  const changed = partition.changed;
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
