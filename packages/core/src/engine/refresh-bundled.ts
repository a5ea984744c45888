import path from 'node:path';
import { findDeckFiles } from '../deck/find-deck-files.js';
import type { Problem } from '../deck/model.js';
import { partitionByChange } from './deck-changes.js';
import type { Grill } from './grill.js';
import { type DeckImportSummary, importDecks } from './import-decks.js';

/**
 * Keeps the bundled decks current: imports bundled files that are new or changed since they
 * were last imported. A deck the user imports from a file of their own stays theirs: the
 * bundled file with the same id is then skipped. Returns what changed, and problems (if a
 * bundled file is broken, it is skipped rather than blocking the app). `dir`: the bundled decks' folder.
 */
export async function refreshBundledDecks(
  grill: Grill,
  now: number,
  dir: string,
): Promise<{ summaries: DeckImportSummary[]; problems: Problem[] }> {
  let files: string[];
  try {
    files = findDeckFiles([dir]);
  } catch {
    return { summaries: [], problems: [] };
  }
  const stale = partitionByChange(grill, files).changed;
  if (stale.length === 0) return { summaries: [], problems: [] };
  // The markdown parser is loaded only when a bundled file actually changed.
  const { loadDecks } = await import('../deck/load-decks.js');
  const loaded = loadDecks(stale).filter((d) => {
    const owner = d.deck ? grill.store.decks.get(d.deck.id) : undefined;
    return !owner || owner.sourcePath === d.absPath || isInside(owner.sourcePath, dir);
  });
  const problems = loaded.flatMap((d) => d.problems);
  const valid = loaded.filter((d) => d.problems.length === 0);
  return { summaries: importDecks(grill, valid, now), problems };
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
