import type { CardDetail, CardSummary } from '@grill/core';
import { describe, expect, it } from 'vitest';
import {
  type BrowserAction,
  type BrowserState,
  browsedCard,
  browserReducer,
  drillable,
  initialBrowser,
  searchFor,
} from './browser-reducer.js';
import { cardSummary } from './test-fixtures.js';

const run = (state: BrowserState, ...actions: BrowserAction[]) => actions.reduce(browserReducer, state);
const keys = (cards: readonly CardSummary[]) => cards.map((c) => c.key);
const CARDS = ['a/1', 'a/2', 'a/3', 'b/1', 'b/2'].map((k) => cardSummary(k));
const listedAll = run(initialBrowser, { type: 'listed', query: '', cards: CARDS });

describe('the card browser’s state', () => {
  it('typing: every key lands in the field in order; a paste is one line; backspace takes a character', () => {
    let b = run(initialBrowser, ...[...'idemX'].map((text) => ({ type: 'type' as const, text })));
    b = run(b, { type: 'backspace' }, { type: 'type', text: 'pot' });
    expect(b.query).toBe('idempot');
    b = run(b, { type: 'type', text: ' key\r\nrules\tnow' });
    expect(b.query).toBe('idempot key rules now');
    // A character outside the BMP goes whole.
    b = run(b, { type: 'clear' }, { type: 'type', text: 'go🚀' }, { type: 'backspace' });
    expect(b.query).toBe('go');
    expect(run(initialBrowser, { type: 'backspace' })).toBe(initialBrowser);
  });

  it('the list: a new search selects its first card; an answer for an older text is ignored', () => {
    let b = run(listedAll, { type: 'move', delta: 3 }, { type: 'type', text: 'x' });
    expect(b.index).toBe(3);
    // The answer for "" arrives after x was typed: stale, the search for x is on its way.
    b = run(b, { type: 'listed', query: '', cards: CARDS.slice(0, 1) });
    expect(keys(b.cards)).toEqual(keys(CARDS));
    b = run(b, { type: 'listed', query: 'x', cards: CARDS.slice(2) });
    expect(b).toMatchObject({ listed: 'x', index: 0 });
    expect(browsedCard(b)?.key).toBe('a/3');
  });

  it('the same search read again (after a suspend, an edit) keeps the selection on its card', () => {
    let b = run(listedAll, { type: 'move', delta: 2 });
    const suspended = CARDS.map((c) => (c.key === 'a/3' ? { ...c, suspended: true } : c));
    b = run(b, { type: 'listed', query: '', cards: [...suspended].reverse() });
    expect(browsedCard(b)).toMatchObject({ key: 'a/3', suspended: true });
    expect(b.index).toBe(2);
    b = run(b, { type: 'move', delta: 2 });
    expect(browsedCard(b)?.key).toBe('a/1');
    // Its card edited away: the selection stays at its row, within the shorter list.
    b = run(b, { type: 'listed', query: '', cards: CARDS.slice(1, 3) });
    expect(b.index).toBe(1);
  });

  it('moves stop at the ends; first and last; nothing to select in an empty list', () => {
    expect(run(listedAll, { type: 'move', delta: -1 }).index).toBe(0);
    expect(run(listedAll, { type: 'move', delta: 99 }).index).toBe(4);
    expect(run(listedAll, { type: 'move-to', row: 'last' }, { type: 'move', delta: -2 }).index).toBe(2);
    expect(run(listedAll, { type: 'move', delta: 3 }, { type: 'move-to', row: 'first' }).index).toBe(0);
    const empty = run(initialBrowser, { type: 'listed', query: '', cards: [] }, { type: 'move', delta: 1 });
    expect(empty.index).toBe(0);
    expect(browsedCard(empty)).toBeNull();
  });

  it('a card opened is the one the keys act on; closing keeps the search, the selection and the scroll', () => {
    const detail = { ...cardSummary('b/1'), history: [] } as unknown as CardDetail;
    const b = run(listedAll, { type: 'type', text: 'q' }, { type: 'move', delta: 1 });
    const open = run(b, { type: 'open', detail, listOffset: 7 });
    expect(browsedCard(open)?.key).toBe('b/1');
    const closed = run(open, { type: 'close' });
    expect(closed).toMatchObject({ query: 'q', index: 1, listOffset: 7, open: null });
  });

  it('focus, what a drill takes, what the engine is asked for', () => {
    expect(run(initialBrowser, { type: 'focus', focus: 'list' }).focus).toBe('list');
    const cards = [
      cardSummary('a/1'),
      cardSummary('a/2', { suspended: true }),
      cardSummary('a/3', { buried: true }),
      cardSummary('a/4'),
    ];
    expect(drillable(run(initialBrowser, { type: 'listed', query: '', cards }))).toEqual(['a/1', 'a/4']);
    expect(searchFor('')).toBeUndefined();
    expect(searchFor('   ')).toBeUndefined();
    expect(searchFor(' idem ')).toBe(' idem ');
  });
});
