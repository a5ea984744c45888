import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DeckError } from '../errors.js';

/** A folder's markdown files are decks, except README.md and ALL-CAPS names like FORMAT.md. */
function isDeckFileName(name: string): boolean {
  if (!name.toLowerCase().endsWith('.md')) return false;
  const stem = name.slice(0, -3);
  return stem.toLowerCase() !== 'readme' && stem !== stem.toUpperCase();
}

/** Deck files under the given files and folders, sorted, each once. */
export function findDeckFiles(paths: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isDeckFileName(entry.name)) found.add(full);
    }
  };
  for (const p of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch {
      throw new DeckError('no-such-path', `no such file or folder: ${p}`);
    }
    if (stat.isDirectory()) walk(p);
    else found.add(p);
  }
  return [...found].sort();
}
