/**
 * The terminal app's state and the messages that move it: the actions (a key's, or an effect's
 * result) and the effects a transition asks for. Plain data: the reducer (app-reducer.ts) moves
 * it on, the effects (app-effects.ts) talk to the engine, the view (app-view.ts) draws it.
 */
import {
  type AnswerDetail,
  type CardDetail,
  type CardSummary,
  type MockReport,
  type QueueFilter,
  type Rating,
  type Selection,
  takesTyping,
} from '@grill/core';
import type { EditorResult } from '../editor.js';
import type { BrowserState } from './browser-reducer.js';
import { type CardUiState, initialCardUi } from './card-reducer.js';
import type { KeyAction, KeyContext } from './keymap.js';
import type { Keypress } from './keys.js';
import type { SessionProgress } from './layout/frames.js';
import type { SummaryInput } from './layout/screen-lines.js';
import type { CurrentCard, SessionSummary, UndoResult } from './session.js';
import type { HomeData, PickerItem, StatsData } from './view-data.js';

/** How the app ended: Ctrl+C (`interrupted`) or q, with the last session's summary. */
export interface AppExit {
  interrupted: boolean;
  summary: SessionSummary | null;
}

export type Screen =
  | { name: 'home' }
  | { name: 'picker'; kind: 'deck' | 'tag'; index: number; filter: string }
  | { name: 'session' }
  | { name: 'summary'; summary: SessionSummary; early: boolean }
  | { name: 'stats' }
  /** A mock interview's question: `timedOut` once its countdown revealed the answer. */
  | { name: 'mock'; endsAt: number; perCardMs: number; timedOut: boolean }
  /** The report at the end of a mock interview (`early`: ended with q). */
  | { name: 'mock-report'; early: boolean }
  /** The card browser (its state is AppState.browser). */
  | { name: 'browser' };

/** A session on a list of cards instead of today's queue (grill drill --cram / --ahead, home's study ahead). */
export type SessionSelect = { kind: 'cram' } | { kind: 'ahead'; days: number };

/** A mock interview's settings (grill mock). */
export interface MockOptions {
  selection: Selection;
  minutes: number;
  perCardMs: number;
}

/** What the app does as it opens instead of showing home: a drill session, or a mock interview. */
export type StartWith =
  | { filter: QueueFilter; limit?: number; select?: SessionSelect }
  | { mock: MockOptions };

/** A drill session as the screens show it: a snapshot, taken after each change. */
export interface SessionView extends SessionProgress {
  readonly current: CurrentCard | null;
  readonly summary: SessionSummary;
}

/** The scrolled body: where it starts, whether it follows the focus, and (from the last frame) its page and end. */
export interface ScrollState {
  offset: number;
  follow: boolean;
  page: number;
  max: number;
}

export interface AppState {
  screen: Screen;
  /** The help overlay, open over the screen, with the context it was opened in. */
  help: KeyContext | null;
  /** A note for the user; it lasts until the next move (see the reducer). */
  message: string | null;
  /** What the user has done with the card on screen. */
  card: CardUiState;
  scroll: ScrollState;
  /** The session being drilled (or the last one), as the effects last read it. */
  session: SessionView | null;
  /** The screens' data, read from the engine by the effects when the screen is entered. */
  home: HomeData | null;
  stats: StatsData | null;
  picker: readonly PickerItem[];
  summaryData: Pick<SummaryInput, 'upcoming' | 'streak'> | null;
  /** The report of the last mock interview, read when it ends. */
  mockReport: MockReport | null;
  /** The card browser, while it is open. */
  browser: BrowserState | null;
}

export type AppAction =
  // From the keyboard (see inputAction) and the clock.
  | { type: 'command'; command: KeyAction; key: Keypress }
  | { type: 'text'; text: string; paste: boolean }
  | { type: 'close-help' }
  | { type: 'tick' }
  /** The frame just drawn: where the body starts now, how far it scrolls, a page's height. */
  | { type: 'laid-out'; offset: number; max: number; page: number }
  // The results of effects.
  | { type: 'session-started'; session: SessionView; select?: SessionSelect }
  | { type: 'mock-started'; session: SessionView; endsAt: number; perCardMs: number }
  /** The countdown of the mock question `cardKey` ran out. */
  | { type: 'countdown-expired'; cardKey: string }
  | { type: 'mock-report-loaded'; report: MockReport }
  | { type: 'answered'; session: SessionView; clockBehind: boolean }
  | { type: 'undone'; session: SessionView; undone: UndoResult | null }
  | { type: 'set-aside'; how: 'bury' | 'suspend'; cardKey: string | null; session: SessionView }
  | { type: 'session-updated'; session: SessionView }
  | { type: 'edited'; result: EditorResult }
  | { type: 'reimported'; problem: string | null; session: SessionView }
  | { type: 'home-loaded'; data: HomeData }
  | { type: 'stats-loaded'; data: StatsData }
  | { type: 'picker-loaded'; items: readonly PickerItem[] }
  | { type: 'summary-loaded'; data: Pick<SummaryInput, 'upcoming' | 'streak'> }
  // The card browser's.
  | { type: 'cards-listed'; query: string; cards: readonly CardSummary[] }
  /** The card `key` read in detail; null when no active card has that key (edited away). */
  | { type: 'card-loaded'; key: string; detail: CardDetail | null }
  | { type: 'card-marked'; key: string; how: CardMark }
  | { type: 'card-reimported'; key: string; problem: string | null };

/** What the card browser does to a card. */
export type CardMark = 'suspend' | 'unsuspend' | 'bury';

/** What a transition asks the engine (or the terminal) to do; the result comes back as an action. */
export type AppEffect =
  | {
      type: 'start-session';
      filter: QueueFilter;
      limit?: number;
      cram?: readonly string[];
      select?: SessionSelect;
    }
  | { type: 'start-mock'; options: MockOptions }
  /** Tell whether the mock question's countdown has run out (the clock is the effects'). */
  | { type: 'check-countdown' }
  | { type: 'load-mock-report' }
  | { type: 'answer'; rating: Rating; detail?: AnswerDetail }
  | { type: 'undo' }
  | { type: 'bury' }
  | { type: 'suspend' }
  /** Re-compute the interval previews if a day has begun since they were made. */
  | { type: 'refresh-preview' }
  | { type: 'edit' }
  | { type: 'load-home' }
  | { type: 'load-stats' }
  | { type: 'load-picker'; kind: 'deck' | 'tag' }
  | { type: 'load-summary' }
  /** The cards matching `query` (see searchFor); `debounce`: wait for a pause in the typing first. */
  | { type: 'list-cards'; query: string; debounce: boolean }
  | { type: 'load-card'; key: string }
  | { type: 'mark-card'; key: string; how: CardMark }
  /** Edit the card `key` in the editor (the browser's; `edit` is the drill's current card). */
  | { type: 'edit-card'; key: string }
  | { type: 'exit'; result: AppExit };

/** A transition: the next state and what to do for it. */
export interface Step {
  state: AppState;
  effects: readonly AppEffect[];
}

export const initialScroll: ScrollState = { offset: 0, follow: false, page: 10, max: 0 };

/** The app as it opens: on home, or starting a session at once (grill drill, grill mock). */
export function openApp(message: string | null, startWith?: StartWith): Step {
  const state: AppState = {
    screen: { name: 'home' },
    help: null,
    message,
    card: initialCardUi,
    scroll: initialScroll,
    session: null,
    home: null,
    stats: null,
    picker: [],
    summaryData: null,
    mockReport: null,
    browser: null,
  };
  const start: AppEffect = !startWith
    ? { type: 'load-home' }
    : 'mock' in startWith
      ? { type: 'start-mock', options: startWith.mock }
      : {
          type: 'start-session',
          filter: startWith.filter,
          limit: startWith.limit,
          ...(startWith.select ? { select: startWith.select } : {}),
        };
  return { state, effects: [start] };
}

/** Which key bindings apply in this state. */
export function keyContext(state: AppState): KeyContext {
  if (state.help) return 'help';
  const { screen } = state;
  if (screen.name === 'summary') return screen.early ? 'leaving' : 'summary';
  if (screen.name === 'mock') return state.card.phase === 'revealed' ? 'mock-rubric' : 'mock-question';
  if (screen.name === 'browser') {
    const b = state.browser;
    return b?.open ? 'browse-card' : b?.focus === 'list' ? 'browse-list' : 'browse-search';
  }
  if (screen.name !== 'session') return screen.name;
  const card = state.session?.current?.card.content;
  if (state.card.phase === 'revealed') return card?.kind === 'open' ? 'rubric' : 'revealed';
  if (card?.kind === 'choice') return 'choice';
  if (card && takesTyping(card)) return state.card.editing ? 'typing' : 'typed';
  return 'question';
}

/** The picker's items that match its filter (case-insensitive, anywhere in the label). */
export function pickerMatches(items: readonly PickerItem[], filter: string): readonly PickerItem[] {
  const f = filter.toLowerCase();
  return f ? items.filter((i) => i.label.toLowerCase().includes(f)) : items;
}
