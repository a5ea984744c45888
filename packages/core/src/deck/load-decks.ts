import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findDeckFiles } from './find-deck-files.js';
import type { ParsedDeck, Problem } from './model.js';
import { parseDeck } from './parse-deck.js';
import { describeDeckProblem } from './problems.js';

export interface LoadedDeck extends ParsedDeck {
  /** Absolute path of the file. */
  absPath: string;
  /** The file's text as read. */
  text: string;
  /** Size and mtime (ms) of the file, taken just before it was read. */
  size: number;
  mtimeMs: number;
}

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}

/** Reads and parses every deck under `paths`, then checks that no two files claim one deck id. */
export function loadDecks(paths: readonly string[]): LoadedDeck[] {
  const loaded = findDeckFiles(paths).map((file) => {
    const { size, mtimeMs } = statSync(file);
    const text = readFileSync(file, 'utf8');
    return { ...parseDeck(text, displayPath(file)), absPath: path.resolve(file), text, size, mtimeMs };
  });
  const owners = new Map<string, string>();
  for (const d of loaded) {
    if (!d.deck) continue;
    const owner = owners.get(d.deck.id);
    if (owner) {
      d.problems.push(duplicateDeckId(d.deck.file, d.deck.line, d.deck.id, owner));
    } else {
      owners.set(d.deck.id, d.deck.file);
    }
  }
  return loaded;
}

/** The problem reported when a second file claims a deck id. */
export function duplicateDeckId(file: string, line: number, deckId: string, owner: string): Problem {
  return { file, line, column: 1, ...describeDeckProblem('duplicate-deck-id', { deckId, owner }) };
}
