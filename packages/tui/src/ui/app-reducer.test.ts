import type { Card } from '@grill/core';
import { describe, expect, it } from 'vitest';
import { appReducer, inputAction } from './app-reducer.js';
import {
  type AppAction,
  type AppEffect,
  type AppState,
  keyContext,
  openApp,
  type SessionView,
} from './app-state.js';
import type { Keypress } from './keys.js';
import type { SessionSummary } from './session.js';
import { cardFields, sessionView } from './test-fixtures.js';
import type { HomeData, StatsData } from './view-data.js';

const BASIC: Card = { ...cardFields('basic'), kind: 'basic' };
const CHOICE: Card = {
  ...cardFields('choice'),
  kind: 'choice',
  multiple: true,
  options: [
    { text: 'PUT', correct: true },
    { text: 'POST', correct: false },
    { text: 'DELETE', correct: true },
  ],
};
const TYPED: Card = { ...cardFields('typed'), kind: 'typed', accept: ['409'] };
const OPEN: Card = { ...cardFields('open'), kind: 'open', rubric: ['logs', 'config', 'roll back'] };
const cloze = (typed: boolean): Card => ({
  ...cardFields('cloze/c1'),
  kind: 'cloze',
  cloze: 1,
  text: ['Retry-safe: ', { cloze: 1, answer: '`PUT`', hint: '', code: false }],
  answers: ['PUT'],
  typed,
});

const SUMMARY: SessionSummary = { answers: 2, cards: 2, correct: 1, timeMs: 9000 };

/** A session snapshot with `content` on screen (or none left), as the effects would report it. */
function session(
  content: Card | null,
  { answered = 0, canUndo = false, summary = SUMMARY } = {},
): SessionView {
  return sessionView(content, { answered, canUndo, summary, newLeft: 3, sourceLine: 3 });
}

const char = (text: string): Keypress => ({ name: 'char', text });
const key = (name: Keypress['name'], text = ''): Keypress => ({ name, text });
const SPACE = key('space', ' ');
const ENTER = key('enter');
const ESC = key('escape');
const CTRL_C = key('ctrl', 'c');

/** Runs actions in order; returns the last state and every effect asked for on the way. */
function run(state: AppState, ...actions: AppAction[]) {
  const effects: AppEffect[] = [];
  for (const action of actions) {
    const step = appReducer(state, action);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

/** Presses keys as the store does: each read by the keymap in the state the one before left. */
function press(state: AppState, ...keys: Keypress[]) {
  const effects: AppEffect[] = [];
  for (const k of keys) {
    const action = inputAction(state, k);
    if (!action) continue;
    const step = appReducer(state, action);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const HOME = { due: 0, learning: 0, newAvailable: 4, decks: [], tags: [] } as unknown as HomeData;
const home = () => run(openApp(null).state, { type: 'home-loaded', data: HOME }).state;
const onCard = (content: Card, extra: Partial<SessionView> = {}) =>
  run(openApp(null, { filter: {} }).state, {
    type: 'session-started',
    session: { ...session(content), ...extra },
  }).state;

describe('app reducer: opening', () => {
  it('opens on home (reading its data) or starts the session at once, keeping the first note', () => {
    expect(openApp('synced: pushed 1, pulled 0').effects).toEqual([{ type: 'load-home' }]);
    const drill = openApp('synced: pushed 1, pulled 0', { filter: { deck: 'kinds' }, limit: 5 });
    expect(drill.effects).toEqual([{ type: 'start-session', filter: { deck: 'kinds' }, limit: 5 }]);
    const started = run(drill.state, { type: 'session-started', session: session(BASIC) }).state;
    expect(started.screen).toEqual({ name: 'session' });
    expect(started.message).toBe('synced: pushed 1, pulled 0');
    expect(keyContext(started)).toBe('question');
  });

  it('a session with nothing due leaves the user on home, saying so', () => {
    const { state, effects } = run(openApp(null, { filter: { tag: 'x' } }).state, {
      type: 'session-started',
      session: session(null),
    });
    expect(state.screen).toEqual({ name: 'home' });
    expect(state.message).toBe('nothing due there right now');
    expect(state.session).toBeNull();
    expect(effects).toEqual([{ type: 'load-home' }]);
  });
});

describe('app reducer: a drill, key by key', () => {
  it('home → drill → reveal → rate → next card → summary → quit', () => {
    let { state, effects } = press({ ...home(), message: 'a note' }, ENTER);
    expect(effects).toEqual([{ type: 'start-session', filter: {} }]);
    expect(state.message).toBeNull();
    state = run(state, { type: 'session-started', session: session(BASIC) }).state;

    ({ state, effects } = press(state, SPACE));
    expect(keyContext(state)).toBe('revealed');
    expect(state.card.rating).toBe(3);
    expect(state.scroll.follow).toBe(true);
    // The ratings come into view: their previews are made current first.
    expect(effects).toEqual([{ type: 'refresh-preview' }]);

    ({ state, effects } = press(state, char('3')));
    expect(effects).toEqual([{ type: 'answer', rating: 3 }]);
    state = run(state, {
      type: 'answered',
      session: session(CHOICE, { answered: 1 }),
      clockBehind: false,
    }).state;
    expect(keyContext(state)).toBe('choice');
    expect(state.card.phase).toBe('question');
    expect(state.scroll).toMatchObject({ offset: 0, follow: false });

    // Enter with nothing chosen asks for a choice; 1 and 3, Enter, Enter confirms the implied Good.
    ({ state, effects } = press(state, ENTER));
    expect(state.message).toBe('choose an option first (1-3), or Space to give up');
    ({ state, effects } = press(state, char('1'), char('3'), ENTER, ENTER));
    expect(state.message).toBeNull();
    expect(effects).toEqual([
      { type: 'refresh-preview' },
      { type: 'answer', rating: 3, detail: { chosen: [0, 2], correct: true } },
    ]);

    ({ state, effects } = run(state, { type: 'answered', session: session(null), clockBehind: false }));
    expect(state.screen).toEqual({ name: 'summary', summary: SUMMARY, early: false });
    expect(keyContext(state)).toBe('summary');
    expect(effects).toEqual([{ type: 'load-summary' }]);

    ({ effects } = press(state, char('q')));
    expect(effects).toEqual([{ type: 'exit', result: { interrupted: false, summary: SUMMARY } }]);
  });

  it('an answer recorded with the clock behind says so on the next card', () => {
    const { state } = run(onCard(BASIC), { type: 'answered', session: session(OPEN), clockBehind: true });
    expect(state.message).toMatch(/^the clock reads earlier/);
  });

  it('choice: a key past the options says so; typed: letters are text until Esc', () => {
    let state = press(onCard(CHOICE), char('7')).state;
    expect(state.message).toBe('there is no option 7: press 1-3');

    state = onCard(TYPED);
    expect(keyContext(state)).toBe('typing');
    state = press(state, char('u'), char('4'), char('0'), key('backspace'), char('9')).state;
    expect(state.card.typed).toBe('u49');
    state = press(state, key('ctrl', 'u'), key('paste', '409\nConflict')).state;
    expect(state.card.typed).toBe('409 Conflict');
    const left = press(state, ESC);
    expect(keyContext(left.state)).toBe('typed');
    expect(press(left.state, char('u')).effects).toEqual([{ type: 'undo' }]);
    const submitted = press(state, ENTER).state;
    expect(submitted.card).toMatchObject({ phase: 'revealed', correct: false, rating: 1 });
    expect(press(submitted, ENTER).effects).toEqual([
      { type: 'answer', rating: 1, detail: { typed: '409 Conflict', correct: false } },
    ]);
  });

  it('cloze: a question graded like a basic card, or with typed: yes an answer field like a typed card', () => {
    let state = onCard(cloze(false));
    expect(keyContext(state)).toBe('question');
    expect(press(state, char('u')).effects).toEqual([{ type: 'undo' }]);
    state = press(state, SPACE).state;
    expect(state.card).toMatchObject({ phase: 'revealed', rating: 3, correct: null });
    expect(press(state, ENTER).effects).toEqual([{ type: 'answer', rating: 3 }]);

    state = onCard(cloze(true));
    expect(keyContext(state)).toBe('typing');
    state = press(state, char('p'), char('u'), char('t'), ENTER).state;
    expect(state.card).toMatchObject({ phase: 'revealed', correct: true, rating: 3 });
    expect(press(state, ENTER).effects).toEqual([
      { type: 'answer', rating: 3, detail: { typed: 'put', correct: true } },
    ]);
  });

  it('open: the arrows move through the rubric, then scroll on past its ends', () => {
    let state = press(onCard(OPEN), SPACE).state;
    expect(keyContext(state)).toBe('rubric');
    state = run(state, { type: 'laid-out', offset: 2, max: 6, page: 8 }).state;
    state = press(state, SPACE, key('down'), SPACE, key('down'), key('down'), key('down')).state;
    expect(state.card).toMatchObject({ cursor: 2, covered: [0, 1] });
    expect(state.scroll).toMatchObject({ offset: 4, follow: false });
    expect(press(state, ENTER).effects).toEqual([{ type: 'answer', rating: 2, detail: { covered: [0, 1] } }]);
  });

  it('scrolls within what the last frame measured', () => {
    let state = run(onCard(BASIC), { type: 'laid-out', offset: 0, max: 12, page: 5 }).state;
    state = press(state, key('pagedown'), key('pagedown'), key('down')).state;
    expect(state.scroll.offset).toBe(11);
    state = press(state, key('pagedown')).state;
    expect(state.scroll.offset).toBe(12);
    expect(press(state, key('home')).state.scroll.offset).toBe(0);
    expect(press(state, key('up'), key('end')).state.scroll.offset).toBe(12);
  });

  it('a paste where there is no text field is ignored, and says so; unbound keys do nothing', () => {
    const state = onCard(BASIC);
    expect(press(state, key('paste', ' 3')).state.message).toBe('paste ignored: there is no text field here');
    expect(press(state, char('x'))).toEqual({ state, effects: [] });
    expect(inputAction(state, key('left'))).toBeNull();
  });
});

describe('app reducer: undo, bury, suspend, edit', () => {
  it('says what undo, bury and suspend did', () => {
    const state = onCard(CHOICE);
    const undone = run(state, {
      type: 'undone',
      undone: { cardKey: 'kinds/basic', type: 'review' },
      session: session(BASIC),
    }).state;
    expect(undone.message).toBe('undone: your answer — this card is back');
    expect(keyContext(undone)).toBe('question');
    const nothing = run(state, { type: 'undone', undone: null, session: session(CHOICE) }).state;
    expect(nothing.message).toBe('nothing to undo in this session');

    expect(press(state, char('b')).effects).toEqual([{ type: 'bury' }]);
    const buried = run(state, {
      type: 'set-aside',
      how: 'bury',
      cardKey: 'kinds/choice',
      session: session(TYPED),
    });
    expect(buried.state.message).toBe('buried kinds/choice until tomorrow (u undoes)');
    expect(keyContext(buried.state)).toBe('typing');
    const suspended = run(state, {
      type: 'set-aside',
      how: 'suspend',
      cardKey: 'kinds/choice',
      session: session(null),
    });
    expect(suspended.state.screen.name).toBe('summary');
    expect(suspended.effects).toEqual([{ type: 'load-summary' }]);
  });

  it('edit: the editor’s outcome, then the re-import’s', () => {
    const state = press(onCard(BASIC), SPACE).state;
    expect(press(state, char('e')).effects).toEqual([{ type: 'edit' }]);
    const failed = run(state, { type: 'edited', result: { ok: false, message: 'no editor' } }).state;
    expect(failed.message).toBe('not edited: no editor');
    expect(run(state, { type: 'edited', result: { ok: true, changed: false } }).state.message).toBe(
      'no changes saved in the editor',
    );
    const saving = run(state, { type: 'edited', result: { ok: true, changed: true } }).state;
    expect(saving.message).toBe('re-importing…');
    const bad = run(saving, {
      type: 'reimported',
      problem: 'kinds.md:3:1: bad',
      session: session(BASIC),
    }).state;
    expect(bad.message).toBe('saved, but not re-imported: kinds.md:3:1: bad');
    // The same card, re-read: what the user did with it stays.
    const same = run(saving, { type: 'reimported', problem: null, session: session(BASIC) }).state;
    expect(same).toMatchObject({ message: 'saved and re-imported', card: { phase: 'revealed' } });
    // The card edited away: on to the next one, fresh.
    const next = run(saving, { type: 'reimported', problem: null, session: session(OPEN) }).state;
    expect(next.card.phase).toBe('question');
    expect(keyContext(next)).toBe('question');
  });
});

describe('app reducer: screens, help, leaving', () => {
  it('help opens on the keys of where it was, scrolls, and any other key closes it; Ctrl+C quits', () => {
    let state = run(onCard(BASIC), { type: 'laid-out', offset: 3, max: 9, page: 4 }).state;
    state = press(state, char('?')).state;
    expect(state.help).toBe('question');
    expect(keyContext(state)).toBe('help');
    expect(state.scroll.offset).toBe(0);
    state = press(state, key('pagedown')).state;
    expect(state.scroll.offset).toBe(4);
    expect(press(state, CTRL_C).effects).toEqual([
      { type: 'exit', result: { interrupted: true, summary: SUMMARY } },
    ]);
    const closed = press(state, char('3'));
    expect(closed.state.help).toBeNull();
    expect(closed.effects).toEqual([]);
    expect(keyContext(closed.state)).toBe('question');
  });

  it('q mid-session shows the summary; then any key leaves, Ctrl+C as an interruption', () => {
    const { state, effects } = press(onCard(BASIC), char('q'));
    expect(state.screen).toEqual({ name: 'summary', summary: SUMMARY, early: true });
    expect(effects).toEqual([{ type: 'load-summary' }]);
    expect(keyContext(state)).toBe('leaving');
    expect(press(state, char('x')).effects).toEqual([
      { type: 'exit', result: { interrupted: false, summary: SUMMARY } },
    ]);
    expect(press(state, CTRL_C).effects).toEqual([
      { type: 'exit', result: { interrupted: true, summary: SUMMARY } },
    ]);
  });

  it('the tag picker: read on entering, filtered as you type, rows round, Enter starts, Esc clears then leaves', () => {
    let { state, effects } = press(home(), char('t'));
    expect(state.screen).toEqual({ name: 'picker', kind: 'tag', index: 0, filter: '' });
    expect(effects).toEqual([{ type: 'load-picker', kind: 'tag' }]);
    const items = ['intern (4 cards)', 'scenario (1 card)', 'sql (2 cards)'].map((label) => ({
      value: label.split(' ')[0] as string,
      label,
    }));
    state = run(state, { type: 'picker-loaded', items }).state;
    state = press(state, key('up')).state;
    expect(state.screen).toMatchObject({ index: 2 });
    state = press(state, char('s'), char('x'), key('backspace'), char('c')).state;
    expect(state.screen).toMatchObject({ filter: 'sc', index: 0 });
    expect(press(state, key('down'), ENTER).effects).toEqual([
      { type: 'start-session', filter: { tag: 'scenario' } },
    ]);
    state = press(state, ESC).state;
    expect(state.screen).toMatchObject({ name: 'picker', filter: '' });
    ({ state, effects } = press(state, ESC));
    expect(state.screen).toEqual({ name: 'home' });
    expect(effects).toEqual([{ type: 'load-home' }]);
  });

  it('stats: read on entering; w drills the weakest cards listed, or says there are none', () => {
    let { state, effects } = press(home(), char('s'));
    expect(state.screen).toEqual({ name: 'stats' });
    expect(effects).toEqual([{ type: 'load-stats' }]);
    const stats = (keys: string[]) => ({ weakest: keys.map((key) => ({ key })) }) as unknown as StatsData;
    state = run(state, { type: 'stats-loaded', data: stats([]) }).state;
    expect(press(state, char('w')).state.message).toBe('no weak cards yet: none has lapsed');
    state = run(state, { type: 'stats-loaded', data: stats(['kinds/open', 'kinds/basic']) }).state;
    ({ effects } = press(state, char('w')));
    expect(effects).toEqual([
      {
        type: 'start-session',
        filter: { keys: new Set(['kinds/open', 'kinds/basic']) },
        cram: ['kinds/open', 'kinds/basic'],
      },
    ]);
  });

  it('the clock ticks only on a card: the previews are kept current', () => {
    expect(appReducer(onCard(BASIC), { type: 'tick' }).effects).toEqual([{ type: 'refresh-preview' }]);
    expect(appReducer(home(), { type: 'tick' }).effects).toEqual([]);
  });
});
