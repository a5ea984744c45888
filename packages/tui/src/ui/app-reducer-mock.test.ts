// The app reducer's mock interview and study ahead: transitions only, no engine, no terminal.
import type { Card, MockReport } from '@grill/core';
import { describe, expect, it } from 'vitest';
import { appReducer, inputAction } from './app-reducer.js';
import { type AppAction, type AppEffect, type AppState, keyContext, openApp } from './app-state.js';
import type { Keypress } from './keys.js';
import { cardFields, sessionView } from './test-fixtures.js';
import type { HomeData } from './view-data.js';

const OPEN: Card = { ...cardFields('open'), kind: 'open', rubric: ['logs', 'config', 'roll back'] };
const OTHER: Card = { ...cardFields('other'), kind: 'open', rubric: ['one', 'two'] };
const OPTIONS = { selection: {}, minutes: 20, perCardMs: 120_000 };

function run(state: AppState, ...actions: AppAction[]) {
  const effects: AppEffect[] = [];
  for (const action of actions) {
    const step = appReducer(state, action);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

/** Keys as the store reads them: each in the state the one before left. */
function press(state: AppState, ...keys: Keypress[]) {
  const actions = keys.flatMap((k) => {
    const action = inputAction(state, k);
    if (action) state = appReducer(state, action).state;
    return action ? [action] : [];
  });
  return actions;
}

const key = (name: Keypress['name'], text = ''): Keypress => ({ name, text });
const SPACE = key('space', ' ');
const DOWN = key('down');

const started = (content: Card | null = OPEN) =>
  run(openApp(null, { mock: OPTIONS }).state, {
    type: 'mock-started',
    session: sessionView(content),
    endsAt: 1_200_000,
    perCardMs: 120_000,
  });

describe('app reducer: a mock interview', () => {
  it('starts from grill mock on its first question, counting down', () => {
    expect(openApp(null, { mock: OPTIONS }).effects).toEqual([{ type: 'start-mock', options: OPTIONS }]);
    const { state } = started();
    expect(state.screen).toEqual({ name: 'mock', endsAt: 1_200_000, perCardMs: 120_000, timedOut: false });
    expect(keyContext(state)).toBe('mock-question');
    // The clock ticks: the countdown is checked while the question is being answered.
    expect(run(state, { type: 'tick' }).effects).toEqual([
      { type: 'refresh-preview' },
      { type: 'check-countdown' },
    ]);
  });

  it('reveals when the countdown runs out, only on the question it was for', () => {
    const { state } = started();
    const stale = run(state, { type: 'countdown-expired', cardKey: 'kinds/other' }).state;
    expect(stale.card.phase).toBe('question');
    const { state: out, effects } = run(state, { type: 'countdown-expired', cardKey: 'kinds/open' });
    expect(keyContext(out)).toBe('mock-rubric');
    expect(out.screen).toMatchObject({ name: 'mock', timedOut: true });
    expect(effects).toEqual([{ type: 'refresh-preview' }]);
    // Once revealed, the clock no longer checks it.
    expect(run(out, { type: 'tick' }).effects).toEqual([{ type: 'refresh-preview' }]);
  });

  it('Space reveals early; ticks and a rating record the answer; the next question starts its own countdown', () => {
    let { state } = started();
    let effects: AppEffect[] = [];
    for (const action of press(state, SPACE, SPACE, DOWN, SPACE, key('char', '3'))) {
      const step = appReducer(state, action);
      state = step.state;
      effects = [...effects, ...step.effects];
    }
    expect(effects.at(-1)).toEqual({ type: 'answer', rating: 3, detail: { covered: [0, 1] } });
    ({ state, effects } = run(state, {
      type: 'answered',
      session: sessionView(OTHER, { answered: 1 }),
      clockBehind: false,
    }));
    expect(keyContext(state)).toBe('mock-question');
    expect(state.screen).toMatchObject({ name: 'mock', timedOut: false });
    expect(effects).toEqual([]);
  });

  it('ends with the report when time or questions run out, or early with q', () => {
    const { state } = started();
    const done = run(state, {
      type: 'answered',
      session: sessionView(null, { answered: 1 }),
      clockBehind: false,
    });
    expect(done.state.screen).toEqual({ name: 'mock-report', early: false });
    expect(done.effects).toEqual([{ type: 'load-mock-report' }]);
    const report = { session: 0, topics: [] } as unknown as MockReport;
    const loaded = run(done.state, { type: 'mock-report-loaded', report }).state;
    expect(loaded.mockReport).toBe(report);
    expect(keyContext(loaded)).toBe('mock-report');

    const quit = press(state, key('char', 'q'));
    expect(quit).toEqual([{ type: 'command', command: 'end-session', key: key('char', 'q') }]);
    const early = run(state, ...quit);
    expect(early.state.screen).toEqual({ name: 'mock-report', early: true });
    expect(early.effects).toEqual([{ type: 'load-mock-report' }]);
    // The report: q leaves, with the interview's answers as the session's summary.
    const leave = run(loaded, ...press(loaded, key('char', 'q')));
    expect(leave.effects).toEqual([
      { type: 'exit', result: { interrupted: false, summary: loaded.session?.summary } },
    ]);
  });

  it('with no question to ask, goes home saying so', () => {
    const { state, effects } = started(null);
    expect(state.screen).toEqual({ name: 'home' });
    expect(state.message).toMatch(/^no open questions there/);
    expect(effects).toEqual([{ type: 'load-home' }]);
  });
});

describe('app reducer: study ahead', () => {
  const home = (studyAhead: HomeData['studyAhead']) =>
    run(openApp(null).state, {
      type: 'home-loaded',
      data: { due: 0, learning: 0, newAvailable: 0, decks: [], tags: [], studyAhead } as unknown as HomeData,
    }).state;

  it('a starts the cards due in the next days when home offers it, and says why not otherwise', () => {
    const a = key('char', 'a');
    const offered = home({ days: 7, cards: 3 });
    expect(run(offered, ...press(offered, a)).effects).toEqual([
      { type: 'start-session', filter: {}, select: { kind: 'ahead', days: 7 } },
    ]);
    const none = home(null);
    const refused = run(none, ...press(none, a));
    expect(refused.effects).toEqual([]);
    expect(refused.state.message).toMatch(/^study ahead is for when nothing is due/);
  });

  it('a list with nothing in it says which', () => {
    const nothing = (select: { kind: 'cram' } | { kind: 'ahead'; days: number }) =>
      run(openApp(null, { filter: {}, select }).state, {
        type: 'session-started',
        session: sessionView(null),
        select,
      }).state.message;
    expect(nothing({ kind: 'ahead', days: 7 })).toBe('nothing comes due in the next 7 days');
    expect(nothing({ kind: 'cram' })).toMatch(/^no cards to cram there/);
    expect(openApp(null, { filter: { deck: 'd' }, select: { kind: 'cram' } }).effects).toEqual([
      { type: 'start-session', filter: { deck: 'd' }, limit: undefined, select: { kind: 'cram' } },
    ]);
  });
});
