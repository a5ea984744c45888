import type { Grill } from '@grill/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { grillWithKinds, T0 } from '../test-support/deck-fixture.js';
import { AppEffects, SEARCH_DELAY_MS } from './app-effects.js';
import type { AppAction } from './app-state.js';

let grills: Grill[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const g of grills) g.close();
  grills = [];
});

function setup() {
  const { grill } = grillWithKinds();
  grills.push(grill);
  const later: AppAction[] = [];
  const effects = new AppEffects(
    {
      grill,
      clock: () => T0,
      openEditor: () => ({ ok: true, changed: false }),
      reimport: async () => null,
      syncServer: null,
      exit: () => {},
    },
    (action) => later.push(action),
  );
  return { grill, effects, later };
}

const listedKeys = (action: AppAction | null | undefined) =>
  action?.type === 'cards-listed' ? [action.query, action.cards.map((c) => c.key).sort()] : action;

describe('the card browser’s effects', () => {
  it('keys typed together make one search, for the text after the last of them', () => {
    vi.useFakeTimers();
    const { effects, later } = setup();
    for (const query of ['i', 'id', 'ide', 'idem'])
      expect(effects.run({ type: 'list-cards', query, debounce: true })).toBeNull();
    vi.advanceTimersByTime(SEARCH_DELAY_MS - 1);
    expect(later).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(later.map(listedKeys)).toEqual([['idem', ['kinds/basic', 'kinds/choice']]]);
  });

  it('a search at once (after a change) replaces one waiting; closing the app drops one waiting', () => {
    vi.useFakeTimers();
    const { effects, later } = setup();
    effects.run({ type: 'list-cards', query: 'conflict', debounce: true });
    const now = effects.run({ type: 'list-cards', query: '', debounce: false });
    expect(listedKeys(now)).toEqual(['', ['kinds/basic', 'kinds/choice', 'kinds/open', 'kinds/typed']]);
    effects.run({ type: 'list-cards', query: 'conflict', debounce: true });
    effects.dispose();
    vi.advanceTimersByTime(10 * SEARCH_DELAY_MS);
    expect(later).toEqual([]);
  });

  it('suspends, unsuspends and buries through the engine; a card no longer there reads as null', () => {
    const { grill, effects } = setup();
    expect(effects.run({ type: 'mark-card', key: 'kinds/typed', how: 'suspend' })).toEqual({
      type: 'card-marked',
      key: 'kinds/typed',
      how: 'suspend',
    });
    expect(grill.state('kinds/typed').suspended).toBe(true);
    effects.run({ type: 'mark-card', key: 'kinds/typed', how: 'unsuspend' });
    expect(grill.state('kinds/typed').suspended).toBe(false);
    effects.run({ type: 'mark-card', key: 'kinds/open', how: 'bury' });
    const loaded = effects.run({ type: 'load-card', key: 'kinds/open' });
    expect(loaded?.type === 'card-loaded' && loaded.detail?.buried).toBe(true);
    expect(effects.run({ type: 'load-card', key: 'kinds/gone' })).toEqual({
      type: 'card-loaded',
      key: 'kinds/gone',
      detail: null,
    });
  });
});
