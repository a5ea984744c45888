import {
  type Card,
  choiceCorrect,
  impliedRating,
  type Rating,
  suggestRating,
  takesTyping,
  typedCorrect,
} from '@grill/core';

/** What the user has done with the card on screen. */
export interface CardUiState {
  phase: 'question' | 'revealed';
  /** choice: chosen option indexes. */
  chosen: number[];
  /** typed (and typed cloze): the text typed so far. */
  typed: string;
  /** typed: whether the answer field has the keys (letters are text) or the card's commands do. */
  editing: boolean;
  /** open: rubric points ticked as covered. */
  covered: number[];
  /** open: the rubric point the cursor is on. */
  cursor: number;
  /** choice/typed/typed cloze: whether the answer was right (null before reveal or for other kinds). */
  correct: boolean | null;
  /** The rating pre-selected for Enter: implied by correctness or suggested from the rubric. */
  rating: Rating | null;
}

export type CardAction =
  | { type: 'toggle-option'; index: number }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear-field' }
  | { type: 'leave-field' }
  | { type: 'enter-field' }
  | { type: 'reveal' }
  | { type: 'toggle-point'; index?: number }
  | { type: 'move'; delta: number }
  | { type: 'select-rating'; rating: Rating }
  | { type: 'reset' };

export const initialCardUi: CardUiState = {
  phase: 'question',
  chosen: [],
  typed: '',
  editing: true,
  covered: [],
  cursor: 0,
  correct: null,
  rating: null,
};

const toggle = (list: number[], i: number) =>
  list.includes(i) ? list.filter((x) => x !== i) : [...list, i].sort((a, b) => a - b);

/** Transitions of the card screen. Pure: tested without rendering. */
export function cardReducer(card: Card, state: CardUiState, action: CardAction): CardUiState {
  switch (action.type) {
    case 'reset':
      return initialCardUi;
    case 'toggle-option':
      if (card.kind !== 'choice' || state.phase !== 'question' || action.index >= card.options.length)
        return state;
      // A single-answer card behaves like radio buttons.
      return {
        ...state,
        chosen: card.multiple
          ? toggle(state.chosen, action.index)
          : state.chosen[0] === action.index
            ? []
            : [action.index],
      };
    case 'type':
      // A typed answer is one line: pasted line breaks become spaces.
      return takesTyping(card) && state.phase === 'question'
        ? { ...state, typed: state.typed + action.text.replace(/\s*\n\s*/g, ' ') }
        : state;
    case 'backspace':
      return takesTyping(card) && state.phase === 'question'
        ? { ...state, typed: withoutLastCharacter(state.typed) }
        : state;
    case 'clear-field':
      return takesTyping(card) && state.phase === 'question' ? { ...state, typed: '' } : state;
    case 'leave-field':
    case 'enter-field':
      return takesTyping(card) && state.phase === 'question'
        ? { ...state, editing: action.type === 'enter-field' }
        : state;
    case 'reveal': {
      if (state.phase === 'revealed') return state;
      if (card.kind === 'choice') {
        const correct = choiceCorrect(card, state.chosen);
        return { ...state, phase: 'revealed', correct, rating: impliedRating(correct) };
      }
      if (takesTyping(card)) {
        const correct = typedCorrect(card, state.typed);
        return { ...state, phase: 'revealed', correct, rating: impliedRating(correct) };
      }
      if (card.kind === 'open')
        return { ...state, phase: 'revealed', rating: suggestRating(0, card.rubric.length) };
      // A basic (or untyped cloze) card has no result to judge: Enter confirms Good, as Anki's Space/Enter do.
      return { ...state, phase: 'revealed', rating: 3 };
    }
    case 'toggle-point': {
      if (card.kind !== 'open' || state.phase !== 'revealed') return state;
      const index = action.index ?? state.cursor;
      if (index < 0 || index >= card.rubric.length) return state;
      const covered = toggle(state.covered, index);
      return { ...state, covered, rating: suggestRating(covered.length, card.rubric.length) };
    }
    case 'move': {
      // The cursor stops at the first and last point (the caller scrolls on past them).
      if (card.kind !== 'open' || state.phase !== 'revealed') return state;
      const cursor = Math.max(0, Math.min(card.rubric.length - 1, state.cursor + action.delta));
      return cursor === state.cursor ? state : { ...state, cursor };
    }
    case 'select-rating':
      return state.phase === 'revealed' ? { ...state, rating: action.rating } : state;
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` without its last user-perceived character (`é` as `e` + U+0301 goes at once). */
function withoutLastCharacter(text: string): string {
  let last = 0;
  for (const { index } of graphemes.segment(text)) last = index;
  return text.slice(0, last);
}
