/**
 * The card browser's own state and its transitions: the search field, where the keys go, the
 * cards found and the selected one, the card opened from the list. Pure, like card-reducer.ts;
 * the app's reducer (app-browser.ts) turns keys into these and asks the engine for the cards.
 */
import type { CardDetail, CardSummary } from '@grill/core';

export interface BrowserState {
  /** The search field's text. */
  query: string;
  /** Where letters go: the search field (text) or the list (commands). */
  focus: 'search' | 'list';
  /** The cards found, and the text they were found for (null until the first read). */
  cards: readonly CardSummary[];
  listed: string | null;
  /** The selected card's row in `cards`. */
  index: number;
  /** The card opened from the list (as the engine read it), and where the list was scrolled then. */
  open: CardDetail | null;
  listOffset: number;
}

export const initialBrowser: BrowserState = {
  query: '',
  focus: 'search',
  cards: [],
  listed: null,
  index: 0,
  open: null,
  listOffset: 0,
};

export type BrowserAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'focus'; focus: BrowserState['focus'] }
  /** Moves the selection by `delta` rows, or to the first or last row; never past the ends. */
  | { type: 'move'; delta: number }
  | { type: 'move-to'; row: 'first' | 'last' }
  /** The cards found for `query`. */
  | { type: 'listed'; query: string; cards: readonly CardSummary[] }
  | { type: 'open'; detail: CardDetail; listOffset: number }
  | { type: 'close' };

export function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
  switch (action.type) {
    case 'type': {
      // One line: a pasted line break or tab is a space.
      const text = action.text.replace(/[\r\n\t]+/g, ' ');
      return text ? { ...state, query: state.query + text } : state;
    }
    case 'backspace':
      return state.query ? { ...state, query: Array.from(state.query).slice(0, -1).join('') } : state;
    case 'clear':
      return state.query ? { ...state, query: '' } : state;
    case 'focus':
      return { ...state, focus: action.focus };
    case 'move':
      return { ...state, index: clampRow(state.index + action.delta, state.cards.length) };
    case 'move-to':
      return { ...state, index: action.row === 'first' ? 0 : Math.max(0, state.cards.length - 1) };
    case 'listed': {
      // An answer for a text since changed is stale: the search for the new text is on its way.
      if (action.query !== state.query) return state;
      const cards = action.cards;
      // The same search read again (after a suspend, an edit): the selection stays on its card.
      const key = state.listed === action.query ? state.cards[state.index]?.key : undefined;
      const kept = key === undefined ? -1 : cards.findIndex((c) => c.key === key);
      const index = kept >= 0 ? kept : key === undefined ? 0 : clampRow(state.index, cards.length);
      return { ...state, cards, listed: action.query, index };
    }
    case 'open':
      return { ...state, open: action.detail, listOffset: action.listOffset };
    case 'close':
      return { ...state, open: null };
  }
}

const clampRow = (row: number, rows: number) => Math.max(0, Math.min(rows - 1, row));

/** The card the keys act on: the one opened, else the one selected in the list. */
export function browsedCard(state: BrowserState): CardSummary | null {
  return state.open ?? state.cards[state.index] ?? null;
}

/** The cards found that a drill can show: not suspended, not buried. */
export function drillable(state: BrowserState): string[] {
  return state.cards.filter((c) => !c.suspended && !c.buried).map((c) => c.key);
}

/** The engine's search for the field's text: none for an empty field (every card, deck by deck). */
export function searchFor(query: string): string | undefined {
  return query.trim() === '' ? undefined : query;
}
