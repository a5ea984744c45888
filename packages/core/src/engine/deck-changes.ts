import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Grill } from './grill.js';
import { fileHash } from './import-decks.js';
import type { DeckRecord } from './records.js';

/**
 * Splits deck files into those unchanged since their deck was last imported from them (same
 * path, and the same size and mtime, or else the same content hash) and those to parse. The
 * size-and-mtime check needs no read, so an unchanged collection costs one stat per file.
 */
export function partitionByChange(
  grill: Grill,
  files: readonly string[],
): { unchanged: DeckRecord[]; changed: string[] } {
  const bySource = new Map(grill.store.decks.all().map((d) => [d.sourcePath, d]));
  const unchanged: DeckRecord[] = [];
  const changed: string[] = [];
  for (const file of files) {
    const known = bySource.get(path.resolve(file));
    const stat = statSync(file);
    if (known && known.sourceSize === stat.size && known.sourceMtime === stat.mtimeMs) {
      unchanged.push(known);
    } else if (known && known.sourceHash === fileHash(readFileSync(file, 'utf8'))) {
      grill.store.decks.seen(known.id, stat.size, stat.mtimeMs);
      unchanged.push(known);
    } else {
      changed.push(file);
    }
  }
  return { unchanged, changed };
}
