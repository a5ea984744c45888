import { afterEach, describe, expect, it } from 'vitest';
import { deckText, grillWith, T0, writeDeck } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { DeckProblemsError } from './import-decks.js';
import { importPaths } from './import-paths.js';

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});
function setup(decks: Record<string, string>) {
  const env = grillWith(decks);
  open.push(env.grill);
  return env;
}

describe('import', () => {
  it('adds decks and cards and reports a per-deck summary', () => {
    const { grill, dir } = setup({});
    writeDeck(dir, 'a.md', deckText('a', 3));
    writeDeck(dir, 'nested/b.md', deckText('b', 2));
    const summary = importPaths(grill, [dir], T0);
    expect(summary.map((s) => [s.deckId, s.added, s.updated, s.unchanged, s.retired])).toEqual([
      ['a', 3, 0, 0, 0],
      ['b', 2, 0, 0, 0],
    ]);
    expect(grill.store.cards.get('b/c2')?.content.answer).toBe('Answer 2, version 1.');
  });

  it('re-importing unchanged files changes nothing', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 3) });
    const before = grill.store.db.prepare('SELECT * FROM cards ORDER BY key').all();
    const summary = importPaths(grill, [dir], T0 + 1000);
    expect(summary).toMatchObject([{ deckId: 'a', added: 0, updated: 0, unchanged: 3, retired: 0 }]);
    expect(grill.store.db.prepare('SELECT * FROM cards ORDER BY key').all()).toEqual(before);
  });

  it('keeps a card’s progress when its text changes', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 2) });
    grill.answer('a/c1', 3, T0);
    const state = grill.state('a/c1');
    writeDeck(dir, 'a.md', deckText('a', 2, 2));
    expect(importPaths(grill, [dir], T0 + 1000)).toMatchObject([{ updated: 2, unchanged: 0 }]);
    expect(grill.store.cards.get('a/c1')?.content.answer).toBe('Answer 1, version 2.');
    expect(grill.state('a/c1')).toEqual(state);
  });

  it('retires a removed card, keeps its history, and restores it when re-added', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 3) });
    grill.answer('a/c3', 3, T0);
    const state = grill.state('a/c3');
    writeDeck(dir, 'a.md', deckText('a', 2));
    expect(importPaths(grill, [dir], T0)).toMatchObject([{ retired: 1, unchanged: 2 }]);
    expect(grill.store.cards.get('a/c3')?.retired).toBe(true);
    expect(() => grill.answer('a/c3', 3, T0)).toThrow(/unknown card/);
    writeDeck(dir, 'a.md', deckText('a', 3));
    expect(importPaths(grill, [dir], T0)).toMatchObject([{ restored: 1, added: 0, retired: 0 }]);
    expect(grill.store.cards.get('a/c3')?.retired).toBe(false);
    expect(grill.state('a/c3')).toEqual(state);
  });

  it('is all-or-nothing: one invalid file means nothing is written', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 2) });
    writeDeck(dir, 'a.md', deckText('a', 3, 2));
    writeDeck(dir, 'bad.md', '---\nid: bad\ntitle: Bad\n---\n\n## No id\n\n### Answer\nx\n');
    const before = grill.store.db.prepare('SELECT * FROM cards ORDER BY key').all();
    let error: unknown;
    try {
      importPaths(grill, [dir], T0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeckProblemsError);
    expect((error as DeckProblemsError).problems).toMatchObject([{ line: 6, code: 'missing-id' }]);
    expect(grill.store.db.prepare('SELECT * FROM cards ORDER BY key').all()).toEqual(before);
    expect(grill.store.decks.get('bad')).toBeUndefined();
  });

  it('refuses two files claiming one deck id in the same import', () => {
    const { grill, dir } = setup({});
    writeDeck(dir, 'one.md', deckText('same', 1));
    writeDeck(dir, 'two.md', deckText('same', 2));
    expect(() => importPaths(grill, [dir], T0)).toThrow(DeckProblemsError);
    expect(grill.store.decks.all()).toEqual([]);
  });

  it('refuses a new file claiming the id of a deck another (unchanged) file in the import holds', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 2) });
    writeDeck(dir, 'copy.md', deckText('a', 3));
    expect(() => importPaths(grill, [dir], T0)).toThrow(DeckProblemsError);
    expect(grill.store.decks.get('a')?.sourcePath).toMatch(/a\.md$/);
    expect(grill.store.cards.indexOfDeck('a')).toHaveLength(2);
  });

  it('follows a deck to a new file, saying where it was imported from before', () => {
    const { grill, dir } = setup({ 'a.md': deckText('a', 2) });
    grill.answer('a/c1', 3, T0);
    const moved = writeDeck(dir, 'elsewhere/mine.md', deckText('a', 2, 3));
    const [summary] = importPaths(grill, [moved], T0);
    expect(summary?.previousFile).toMatch(/a\.md$/);
    expect(grill.store.decks.get('a')?.sourcePath).toBe(moved);
    expect(grill.state('a/c1').reps).toBe(1);
  });
});
