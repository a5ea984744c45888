import { parseDeck } from '@grill/core/parse';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS_DECK } from '../test-support/deck-fixture.js';
import { type CardAction, cardReducer, initialCardUi } from './card-reducer.js';

const cards = parseDeck(ALL_KINDS_DECK, 'kinds.md').cards;
const byId = (id: string) => {
  const card = cards.find((c) => c.id === id);
  if (!card) throw new Error(id);
  return card;
};
const run = (id: string, actions: CardAction[]) =>
  actions.reduce((s, a) => cardReducer(byId(id), s, a), initialCardUi);

describe('card reducer', () => {
  it('basic: reveal shows the answer with no pre-selected rating', () => {
    expect(run('basic', [{ type: 'reveal' }])).toMatchObject({ phase: 'revealed', rating: 3 });
  });

  it('choice: toggles options and pre-selects Good when exactly the right ones are chosen', () => {
    const right = run('choice', [
      { type: 'toggle-option', index: 0 },
      { type: 'toggle-option', index: 2 },
      { type: 'reveal' },
    ]);
    expect(right).toMatchObject({ chosen: [0, 2], correct: true, rating: 3 });
    const wrong = run('choice', [
      { type: 'toggle-option', index: 0 },
      { type: 'toggle-option', index: 1 },
      { type: 'toggle-option', index: 1 },
      { type: 'reveal' },
    ]);
    expect(wrong).toMatchObject({ chosen: [0], correct: false, rating: 1 });
    expect(run('choice', [{ type: 'toggle-option', index: 7 }]).chosen).toEqual([]);
  });

  it('typed: edits the input and judges it against accepted variants, normalised', () => {
    const typed = run('typed', [
      ...[...'409 CONFLICTx'].map((text): CardAction => ({ type: 'type', text })),
      { type: 'backspace' },
    ]);
    expect(typed.typed).toBe('409 CONFLICT');
    expect(cardReducer(byId('typed'), typed, { type: 'reveal' })).toMatchObject({ correct: true, rating: 3 });
    expect(run('typed', [{ type: 'type', text: '408' }, { type: 'reveal' }])).toMatchObject({
      correct: false,
      rating: 1,
    });
    // Typing after the reveal changes nothing.
    const after = run('typed', [{ type: 'reveal' }, { type: 'type', text: 'x' }]);
    expect(after.typed).toBe('');
  });

  it('open: ticking rubric points updates the suggested rating; the user can override it', () => {
    let s = run('open', [{ type: 'reveal' }]);
    expect(s.rating).toBe(1);
    s = cardReducer(byId('open'), s, { type: 'toggle-point' });
    s = cardReducer(byId('open'), s, { type: 'move', delta: 1 });
    s = cardReducer(byId('open'), s, { type: 'toggle-point' });
    expect(s).toMatchObject({ covered: [0, 1], rating: 2 });
    s = cardReducer(byId('open'), s, { type: 'toggle-point', index: 2 });
    expect(s.rating).toBe(4);
    expect(cardReducer(byId('open'), s, { type: 'select-rating', rating: 3 }).rating).toBe(3);
    expect(cardReducer(byId('open'), s, { type: 'move', delta: -2 }).cursor).toBe(0);
  });
});
