import { afterEach, describe, expect, it } from 'vitest';
import { parseDeck } from '../deck/parse-deck.js';
import { grillWith, T0, writeDeck } from '../test-support/fixtures.js';
import { checkAnswerDetail } from './answer-detail.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});

const deck = (text: string, extra = '') =>
  `---\nid: http\ntitle: HTTP\n---\n\n## Idempotency {#idem}\nkind: cloze\n${extra}\n${text}\n\n### Answer\nRetries.\n\n## Plain {#plain}\n\n### Answer\nx\n`;
const THREE = deck('{{c1::PUT}} and {{c2::DELETE}} are idempotent; {{c3::POST}} is not.');

function setup(text: string) {
  const env = grillWith({ 'http.md': text });
  open.push(env.grill);
  return env;
}
const active = (grill: Grill) =>
  grill.store.cards
    .indexOfDeck('http')
    .filter((c) => !c.retired)
    .map((c) => c.key)
    .sort();

describe('importing cloze cards', () => {
  it('imports each number as a card of its own, stored as parsed', () => {
    const { grill } = setup(THREE);
    expect(active(grill)).toEqual(['http/idem/c1', 'http/idem/c2', 'http/idem/c3', 'http/plain']);
    const parsed = parseDeck(THREE, 'http.md').cards.find((c) => c.key === 'http/idem/c2');
    expect(grill.store.cards.get('http/idem/c2')).toMatchObject({ kind: 'cloze', cardId: 'idem/c2' });
    expect({ ...grill.store.cards.get('http/idem/c2')?.content, line: 0 }).toEqual({ ...parsed, line: 0 });
    expect(grill.cardCounts()).toEqual(expect.arrayContaining([{ deckId: 'http', kind: 'cloze', n: 3 }]));
  });

  it('keeps every number’s key and progress when the text is edited', () => {
    const { grill, dir } = setup(THREE);
    grill.answer('http/idem/c1', 3, T0);
    grill.answer('http/idem/c2', 1, T0);
    const states = ['http/idem/c1', 'http/idem/c2'].map((k) => grill.state(k));
    writeDeck(
      dir,
      'http.md',
      deck('Safe to retry: {{c1::PUT}}, {{c2::DELETE::a method}}; not {{c3::POST}}.'),
    );
    expect(importPaths(grill, [dir], T0 + 1000)).toMatchObject([
      { added: 0, updated: 3, unchanged: 1, retired: 0 },
    ]);
    expect(active(grill)).toEqual(['http/idem/c1', 'http/idem/c2', 'http/idem/c3', 'http/plain']);
    expect(['http/idem/c1', 'http/idem/c2'].map((k) => grill.state(k))).toEqual(states);
    expect(grill.store.cards.get('http/idem/c2')?.content.body).toBe(
      'Safe to retry: PUT, [a method]; not POST.',
    );
  });

  it('retires a removed number with its history, adds a new one, and restores one written back', () => {
    const { grill, dir } = setup(THREE);
    grill.answer('http/idem/c3', 3, T0);
    const state = grill.state('http/idem/c3');
    writeDeck(
      dir,
      'http.md',
      deck('{{c1::PUT}} and {{c2::DELETE}} are idempotent; {{c4::PATCH}} need not be.'),
    );
    expect(importPaths(grill, [dir], T0 + 1000)).toMatchObject([{ added: 1, retired: 1 }]);
    expect(active(grill)).toEqual(['http/idem/c1', 'http/idem/c2', 'http/idem/c4', 'http/plain']);
    expect(grill.store.cards.get('http/idem/c3')?.retired).toBe(true);
    expect(() => grill.answer('http/idem/c3', 3, T0 + 2000)).toThrow(/unknown card/);
    writeDeck(dir, 'http.md', THREE);
    expect(importPaths(grill, [dir], T0 + 3000)).toMatchObject([{ restored: 1, retired: 1 }]);
    expect(grill.store.cards.get('http/idem/c3')?.retired).toBe(false);
    expect(grill.state('http/idem/c3')).toEqual(state);
  });

  it('retires every number when the card stops being a cloze card', () => {
    const { grill, dir } = setup(THREE);
    writeDeck(dir, 'http.md', deck('No deletions any more.').replace('kind: cloze\n', ''));
    expect(importPaths(grill, [dir], T0 + 1000)).toMatchObject([{ added: 1, retired: 3 }]);
    expect(active(grill)).toEqual(['http/idem', 'http/plain']);
  });

  it('takes a typed answer only for a cloze card with typed: yes (grill review --typed)', () => {
    const plain = parseDeck(THREE, 'http.md').cards[0];
    const typed = parseDeck(deck('{{c1::PUT}}', 'typed: yes\n'), 'http.md').cards[0];
    if (!plain || !typed) throw new Error('no cards');
    expect(() => checkAnswerDetail(typed, { typed: 'PUT' })).not.toThrow();
    expect(() => checkAnswerDetail(plain, { typed: 'PUT' })).toThrow(
      '--typed is for typed cards and cloze cards with typed: yes; http/idem/c1 is a cloze card without it',
    );
    expect(() => checkAnswerDetail(typed, { chosen: [0] })).toThrow(/--chosen is for choice cards/);
  });
});
