import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Grill } from '../engine/grill.js';
import { importPaths } from '../engine/import-paths.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function tempDir(prefix = 'grill-core-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A deck file with `n` basic cards `c1..cn` (answers vary with `version`). */
export function deckText(id: string, n: number, version = 1, extra = ''): string {
  const cards = Array.from(
    { length: n },
    (_, i) =>
      `## Question ${i + 1} of ${id}? {#c${i + 1}}\ntags: intern\n\n### Answer\nAnswer ${i + 1}, version ${version}.\n`,
  );
  return `---\nid: ${id}\ntitle: Deck ${id}\n---\n\n${cards.join('\n')}${extra}`;
}

export function writeDeck(dir: string, file: string, text: string): string {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** A fresh grill in a temp home with the given decks imported. */
export function grillWith(
  decks: Record<string, string>,
  now = T0,
): { grill: Grill; home: string; dir: string } {
  const home = tempDir('grill-home-');
  const dir = tempDir('grill-decks-');
  for (const [file, text] of Object.entries(decks)) writeDeck(dir, file, text);
  const grill = Grill.open(home);
  if (Object.keys(decks).length > 0) importPaths(grill, [dir], now);
  return { grill, home, dir };
}
