import { loadDecks } from '../deck/load-decks.js';
import type { Grill } from './grill.js';
import { type DeckImportSummary, importDecks } from './import-decks.js';

/** Reads and imports deck files and folders, all or nothing. */
export function importPaths(grill: Grill, paths: readonly string[], now: number): DeckImportSummary[] {
  return importDecks(grill, loadDecks(paths), now);
}
