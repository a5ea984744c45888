/**
 * What each key's action does to the state (the keymap names the actions, keymap.ts), and the
 * small transitions the reducer shares. Pure, like the reducer (app-reducer.ts).
 */
import { type Rating, takesTyping } from '@grill/core';
import {
  type AppEffect,
  type AppState,
  keyContext,
  pickerMatches,
  type Screen,
  type ScrollState,
  type Step,
} from './app-state.js';
import { type CardAction, cardReducer, initialCardUi } from './card-reducer.js';
import type { KeyAction } from './keymap.js';
import type { Keypress } from './keys.js';

export const to = (state: AppState, ...effects: AppEffect[]): Step => ({ state, effects });

export function command(state: AppState, action: KeyAction, key: Keypress): Step {
  const { screen, scroll } = state;
  const current = state.session?.current?.card.content;
  switch (action) {
    case 'quit':
    case 'interrupt':
      return to(state, {
        type: 'exit',
        result: { interrupted: action === 'interrupt', summary: state.session?.summary ?? null },
      });
    case 'end-session': {
      const session = state.session;
      if (!session) return to(state);
      if (screen.name === 'mock') {
        const report: Screen = { name: 'mock-report', early: true };
        return to(show({ ...state, message: null }, report), { type: 'load-mock-report' });
      }
      const summary: Screen = { name: 'summary', summary: session.summary, early: true };
      return to(show({ ...state, message: null }, summary), { type: 'load-summary' });
    }
    case 'help':
      return to({ ...state, help: keyContext(state), scroll: { ...scroll, offset: 0 } });
    case 'start-all':
      return to({ ...state, message: null }, { type: 'start-session', filter: {} });
    case 'pick-deck':
    case 'pick-tag': {
      const kind = action === 'pick-deck' ? 'deck' : 'tag';
      const picker: Screen = { name: 'picker', kind, index: 0, filter: '' };
      return to(show({ ...state, message: null, picker: [] }, picker), { type: 'load-picker', kind });
    }
    case 'open-stats':
      return to(show({ ...state, message: null }, { name: 'stats' }), { type: 'load-stats' });
    case 'back':
      if (screen.name === 'picker' && screen.filter)
        return to({ ...state, screen: { ...screen, filter: '', index: 0 } });
      return home({ ...state, message: null });
    case 'move-up':
    case 'move-down':
      return move(state, action === 'move-up' ? -1 : 1);
    case 'scroll-up':
    case 'scroll-down':
    case 'page-up':
    case 'page-down':
    case 'scroll-top':
    case 'scroll-bottom':
      return to({ ...state, scroll: scrolled(scroll, action) });
    case 'choose': {
      if (screen.name !== 'picker') return to(state);
      const item = pickerMatches(state.picker, screen.filter)[screen.index];
      if (!item) return to(state);
      const filter = screen.kind === 'deck' ? { deck: item.value } : { tag: item.value };
      return to(state, { type: 'start-session', filter });
    }
    case 'study-ahead': {
      // Offered (and listed in the footer) only when nothing is due and cards come due soon.
      const ahead = state.home?.studyAhead;
      if (!ahead)
        return to({
          ...state,
          message: 'study ahead is for when nothing is due and cards come due in the next days',
        });
      return to(
        { ...state, message: null },
        { type: 'start-session', filter: {}, select: { kind: 'ahead', days: ahead.days } },
      );
    }
    case 'drill-weakest': {
      const weakest = (state.stats?.weakest ?? []).map((w) => w.key);
      if (weakest.length === 0) return to({ ...state, message: 'no weak cards yet: none has lapsed' });
      return to(
        { ...state, message: null },
        { type: 'start-session', filter: { keys: new Set(weakest) }, cram: weakest },
      );
    }
    case 'submit':
      if (current?.kind === 'choice' && state.card.chosen.length === 0)
        return to({
          ...state,
          message: `choose an option first (1-${current.options.length}), or Space to give up`,
        });
      return reveal(state);
    case 'reveal':
      return reveal(state);
    case 'toggle-option': {
      const n = current?.kind === 'choice' ? current.options.length : 0;
      if (Number(key.text) > n)
        return to({ ...state, message: `there is no option ${key.text}: press 1-${n}` });
      return to({
        ...withCard(state, { type: 'toggle-option', index: Number(key.text) - 1 }),
        message: null,
      });
    }
    case 'backspace':
      if (screen.name === 'picker')
        return to({ ...state, screen: { ...screen, filter: screen.filter.slice(0, -1), index: 0 } });
      return to(following(withCard(state, { type: 'backspace' })));
    case 'clear-field':
    case 'leave-field':
    case 'enter-field':
      return to(withCard(state, { type: action }));
    case 'toggle-point':
      return to(following(withCard(state, { type: 'toggle-point' })));
    case 'rate':
      return rate(state, Number(key.text) as Rating);
    case 'confirm-rating':
      return state.card.rating
        ? rate(state, state.card.rating)
        : to({ ...state, message: 'press 1-4 to rate' });
    case 'undo':
    case 'bury':
    case 'suspend':
    case 'edit':
      return to(state, { type: action });
    // The card browser's own (app-browser.ts): nothing outside it.
    case 'open-browser':
    case 'leave-browser':
    case 'open-card':
    case 'toggle-suspend':
    case 'drill-results':
      return to(state);
  }
}

/** Letters and pastes no key binding takes: the answer field's, or the picker filter's. */
export function text(state: AppState, input: string, paste: boolean): Step {
  const { screen } = state;
  if (keyContext(state) === 'typing') return to(following(withCard(state, { type: 'type', text: input })));
  if (screen.name === 'picker') {
    const filter = screen.filter + input.replace(/\s+/g, ' ');
    return to({ ...state, screen: { ...screen, filter, index: 0 } });
  }
  // A paste is text, never keys: where there is no field to take it, say so.
  if (paste) return to({ ...state, message: 'paste ignored: there is no text field here' });
  return to(state);
}

/** The answer shown; the result (typed) or the rubric's first point (open) comes into view. */
export function reveal(state: AppState): Step {
  return to(following({ ...withCard(state, { type: 'reveal' }), message: null }), {
    type: 'refresh-preview',
  });
}

function rate(state: AppState, rating: Rating): Step {
  const card = state.session?.current?.card.content;
  if (!card) return to(state);
  const u = state.card;
  const detail =
    card.kind === 'choice'
      ? { chosen: u.chosen, correct: u.correct ?? false }
      : takesTyping(card)
        ? { typed: u.typed, correct: u.correct ?? false }
        : card.kind === 'open'
          ? { covered: u.covered }
          : undefined;
  return to(state, { type: 'answer', rating, ...(detail ? { detail } : {}) });
}

/** Up and down: through the picker's rows (round), or the rubric's points, scrolling on past the ends. */
function move(state: AppState, delta: number): Step {
  const { screen, scroll } = state;
  if (screen.name === 'picker') {
    const n = pickerMatches(state.picker, screen.filter).length;
    const index = n > 0 ? (screen.index + delta + n) % n : screen.index;
    return to({ ...state, screen: { ...screen, index }, scroll: { ...scroll, follow: true } });
  }
  const next = withCard(state, { type: 'move', delta });
  if (next.card.cursor !== state.card.cursor) return to(following(next));
  // Past the first or last rubric point the arrows scroll on (to the answer below, say).
  return to({
    ...next,
    scroll: { ...scroll, offset: clamp(scroll.offset + delta, scroll.max), follow: false },
  });
}

export function home(state: AppState): Step {
  return to(show(state, { name: 'home' }), { type: 'load-home' });
}

/** A new screen, from its top. */
export function show(state: AppState, screen: Screen): AppState {
  return { ...state, screen, scroll: top(state.scroll) };
}

function withCard(state: AppState, action: CardAction): AppState {
  const card = state.session?.current?.card.content;
  return { ...state, card: card ? cardReducer(card, state.card, action) : initialCardUi };
}

/** The body scrolls to keep the focus (the answer field, the rubric point) in view. */
function following(state: AppState): AppState {
  return { ...state, scroll: { ...state.scroll, follow: true } };
}

export function top(scroll: ScrollState): ScrollState {
  return { ...scroll, offset: 0, follow: false };
}

const clamp = (offset: number, max: number) => Math.max(0, Math.min(max, offset));

function scrolled(scroll: ScrollState, action: KeyAction): ScrollState {
  const step: Partial<Record<KeyAction, number>> = {
    'scroll-up': -1,
    'scroll-down': 1,
    'page-up': -scroll.page,
    'page-down': scroll.page,
  };
  const offset =
    action === 'scroll-top'
      ? 0
      : action === 'scroll-bottom'
        ? scroll.max
        : clamp(scroll.offset + (step[action] ?? 0), scroll.max);
  return { ...scroll, offset, follow: false };
}
