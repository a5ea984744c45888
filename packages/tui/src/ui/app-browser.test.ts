import type { CardDetail, CardSummary } from '@grill/core';
import { describe, expect, it } from 'vitest';
import { appReducer, inputAction } from './app-reducer.js';
import { type AppAction, type AppEffect, type AppState, keyContext, openApp } from './app-state.js';
import type { Keypress } from './keys.js';
import { cardSummary } from './test-fixtures.js';
import type { HomeData } from './view-data.js';

const char = (text: string): Keypress => ({ name: 'char', text });
const key = (name: Keypress['name'], text = ''): Keypress => ({ name, text });
const chars = (text: string) => [...text].map(char);
const [ENTER, ESC, TAB, UP, DOWN, PGDN, PGUP, HOME, END] = (
  ['enter', 'escape', 'tab', 'up', 'down', 'pagedown', 'pageup', 'home', 'end'] as const
).map((n) => key(n));

/** Keys as the store takes them: each read by the keymap in the state the one before left. */
function press(state: AppState, ...keys: (Keypress | undefined)[]) {
  const effects: AppEffect[] = [];
  for (const k of keys) {
    const action = k && inputAction(state, k);
    if (!action) continue;
    const step = appReducer(state, action);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

function run(state: AppState, ...actions: AppAction[]) {
  const effects: AppEffect[] = [];
  for (const action of actions) {
    const step = appReducer(state, action);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const HOME_DATA = { due: 0, learning: 0, newAvailable: 4, decks: [], tags: [] } as unknown as HomeData;
const CARDS: CardSummary[] = Array.from({ length: 30 }, (_, i) => cardSummary(`d/c${i}`));
const detail = (c: CardSummary) => ({ ...c, history: [] }) as unknown as CardDetail;

/** Home, then `/`: the browser with every card listed and a page of 8 rows. */
function browsing(cards = CARDS) {
  const home = run(openApp(null).state, { type: 'home-loaded', data: HOME_DATA }).state;
  const opened = press(home, char('/'));
  const listed = run(
    opened.state,
    { type: 'cards-listed', query: '', cards },
    { type: 'laid-out', offset: 0, max: 20, page: 8 },
  ).state;
  return { opened, state: listed };
}

const selectedKey = (state: AppState) => state.browser?.cards[state.browser.index]?.key;

describe('app: the card browser', () => {
  it('/ on home opens it on the search field and reads every card at once', () => {
    const { opened, state } = browsing();
    expect(opened.state.screen).toEqual({ name: 'browser' });
    expect(keyContext(opened.state)).toBe('browse-search');
    expect(opened.effects).toEqual([{ type: 'list-cards', query: '', debounce: false }]);
    expect(selectedKey(state)).toBe('d/c0');
  });

  it('in the field every letter is text, even the commands’ letters; each change searches once typing pauses', () => {
    const { state } = browsing();
    const typed = press(state, ...chars('q?sdbe/j'), key('backspace'), key('paste', 'x\ny'));
    expect(typed.state.browser?.query).toBe('q?sdbe/x y');
    expect(typed.state.screen).toEqual({ name: 'browser' });
    expect(typed.effects.every((e) => e.type === 'list-cards' && e.debounce)).toBe(true);
    expect(typed.effects.map((e) => (e.type === 'list-cards' ? e.query : null)).at(-1)).toBe('q?sdbe/x y');
    expect(typed.effects).toHaveLength(10);
    // Ctrl+U clears the field; a key that changes nothing asks for nothing.
    const cleared = press(typed.state, key('ctrl', 'u'));
    expect(cleared.state.browser?.query).toBe('');
    expect(press(cleared.state, key('backspace')).effects).toEqual([]);
  });

  it('the arrows and paging keys move the selection from the field or the list; j and k only in the list', () => {
    let { state } = browsing();
    state = press(state, DOWN, DOWN, UP).state;
    expect(selectedKey(state)).toBe('d/c1');
    expect(state.scroll.follow).toBe(true);
    state = press(state, PGDN).state;
    expect(selectedKey(state)).toBe('d/c9');
    state = press(state, END).state;
    expect(selectedKey(state)).toBe('d/c29');
    state = press(state, PGDN, DOWN).state;
    expect(selectedKey(state)).toBe('d/c29');
    state = press(state, PGUP, HOME).state;
    expect(selectedKey(state)).toBe('d/c0');
    // Tab: to the list, where j/k move and / goes back to the field.
    state = press(state, TAB).state;
    expect(keyContext(state)).toBe('browse-list');
    state = press(state, ...chars('jjjk')).state;
    expect(selectedKey(state)).toBe('d/c2');
    expect(state.browser?.query).toBe('');
    const pasted = press(state, key('paste', 'idem'), char('x'));
    expect(pasted.state.message).toBe('paste ignored: Tab to the search field first');
    expect(pasted.state.browser?.query).toBe('');
    state = press(state, char('/')).state;
    expect(keyContext(state)).toBe('browse-search');
    state = press(state, TAB, TAB).state;
    expect(keyContext(state)).toBe('browse-search');
  });

  it('Enter opens the selected card; Esc comes back to the same search, selection and scroll', () => {
    let { state } = browsing();
    state = press(state, ...chars('c1'), DOWN).state;
    state = run(
      state,
      { type: 'cards-listed', query: 'c1', cards: CARDS.slice(10, 20) },
      { type: 'laid-out', offset: 3, max: 5, page: 8 },
    ).state;
    state = press(state, DOWN, DOWN).state;
    const opening = press(state, ENTER);
    expect(opening.effects).toEqual([{ type: 'load-card', key: 'd/c12' }]);
    state = run(opening.state, {
      type: 'card-loaded',
      key: 'd/c12',
      detail: detail(CARDS[12] as CardSummary),
    }).state;
    expect(keyContext(state)).toBe('browse-card');
    expect(state.scroll).toMatchObject({ offset: 0, follow: false });
    // On the card the arrows scroll it.
    state = run(state, { type: 'laid-out', offset: 0, max: 9, page: 8 }).state;
    state = press(state, DOWN, char('j')).state;
    expect(state.scroll.offset).toBe(2);
    expect(selectedKey(state)).toBe('d/c12');
    state = press(state, ESC).state;
    expect(keyContext(state)).toBe('browse-search');
    expect(state.browser).toMatchObject({ query: 'c1', index: 2, open: null });
    expect(state.scroll).toMatchObject({ offset: 3, follow: true });
    // Esc (or q from the list) back home.
    const home = press(state, ESC);
    expect(home.state.screen).toEqual({ name: 'home' });
    expect(home.state.browser).toBeNull();
    expect(home.effects).toEqual([{ type: 'load-home' }]);
    expect(press(press(state, TAB).state, char('q')).state.screen).toEqual({ name: 'home' });
  });

  it('s suspends or unsuspends the card as it is; b buries, not twice; each change reads the list again', () => {
    const cards = [
      cardSummary('d/a'),
      cardSummary('d/b', { suspended: true }),
      cardSummary('d/c', { buried: true }),
    ];
    let { state } = browsing(cards);
    state = press(state, TAB).state;
    expect(press(state, char('s')).effects).toEqual([{ type: 'mark-card', key: 'd/a', how: 'suspend' }]);
    expect(press(state, char('b')).effects).toEqual([{ type: 'mark-card', key: 'd/a', how: 'bury' }]);
    state = press(state, char('j')).state;
    expect(press(state, char('s')).effects).toEqual([{ type: 'mark-card', key: 'd/b', how: 'unsuspend' }]);
    const buried = press(state, char('j'), char('b'));
    expect(buried.effects).toEqual([]);
    expect(buried.state.message).toBe('d/c is already buried until tomorrow');
    expect(press(state, char('e')).effects).toEqual([{ type: 'edit-card', key: 'd/b' }]);

    const marked = run(state, { type: 'card-marked', key: 'd/b', how: 'unsuspend' });
    expect(marked.state.message).toBe('unsuspended d/b: back in the drill');
    expect(marked.effects).toEqual([{ type: 'list-cards', query: '', debounce: false }]);
    // On an open card, the card is read again too.
    const open = run(state, {
      type: 'card-loaded',
      key: 'd/b',
      detail: detail(cards[1] as CardSummary),
    }).state;
    expect(run(open, { type: 'card-marked', key: 'd/b', how: 'unsuspend' }).effects).toEqual([
      { type: 'list-cards', query: '', debounce: false },
      { type: 'load-card', key: 'd/b' },
    ]);
    expect(
      run(open, { type: 'card-reimported', key: 'd/b', problem: 'kinds.md:3:1: bad' }).state.message,
    ).toBe('saved, but not re-imported: kinds.md:3:1: bad');
    // A card edited away: back to the list, saying so.
    const gone = run(open, { type: 'card-loaded', key: 'd/b', detail: null });
    expect(keyContext(gone.state)).toBe('browse-list');
    expect(gone.state.message).toBe('d/b is no longer in your decks');
  });

  it('d drills the cards found, in their order, but the suspended and buried ones', () => {
    const cards = [
      cardSummary('d/a'),
      cardSummary('d/b', { suspended: true }),
      cardSummary('d/c'),
      cardSummary('d/d', { buried: true }),
    ];
    const { state } = browsing(cards);
    const drill = press(state, TAB, char('d'));
    expect(drill.effects).toEqual([
      { type: 'start-session', filter: { keys: new Set(['d/a', 'd/c']) }, cram: ['d/a', 'd/c'] },
    ]);
    const none = press(browsing([cards[1] as CardSummary]).state, TAB, char('d'));
    expect(none.effects).toEqual([]);
    expect(none.state.message).toBe('nothing to drill: every card found is suspended or buried');
    const empty = press(browsing([]).state, TAB, char('d'), ENTER, char('s'));
    expect(empty.effects).toEqual([]);
    expect(empty.state.message).toBe('no card selected: search for some first');
  });

  it('? from the list shows its keys; closing brings the selection back into view', () => {
    let { state } = browsing();
    state = press(state, END, TAB, char('?')).state;
    expect(keyContext(state)).toBe('help');
    expect(state.help).toBe('browse-list');
    state = press(state, char('x')).state;
    expect(keyContext(state)).toBe('browse-list');
    expect(state.scroll.follow).toBe(true);
  });

  it('answers that come after the browser was left are dropped', () => {
    const { state } = browsing();
    const home = press(state, ESC).state;
    const late = run(home, { type: 'cards-listed', query: '', cards: [] }).state;
    expect(late).toBe(home);
  });
});
