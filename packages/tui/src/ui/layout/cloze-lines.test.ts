import { stripVTControlCharacters } from 'node:util';
import type { Card } from '@grill/core';
import { parseDeck } from '@grill/core/parse';
import { describe, expect, it } from 'vitest';
import { CLOZE_DECK } from '../../test-support/deck-fixture.js';
import { type CardAction, cardReducer, initialCardUi } from '../card-reducer.js';
import { cardBody } from './card-lines.js';
import { width } from './text.js';

const FRONT = '---\nid: d\ntitle: D\n---\n\n';
const cardsOf = (text: string) => {
  const { cards, problems } = parseDeck(text, 'd.md');
  expect(problems).toEqual([]);
  return cards;
};
const byKey = (cards: Card[], key: string) => {
  const card = cards.find((c) => c.key === key);
  if (!card) throw new Error(key);
  return card;
};
const ui = (card: Card, ...actions: CardAction[]) =>
  actions.reduce((s, a) => cardReducer(card, s, a), initialCardUi);
const reveal: CardAction = { type: 'reveal' };
const plain = (card: Card, actions: CardAction[], cols: number) =>
  cardBody(card, ui(card, ...actions), cols, false).lines;

describe('a cloze card on screen', () => {
  const cards = cardsOf(CLOZE_DECK);

  it('blanks the asked deletions and fills the others; revealed, fills them and names the answer', () => {
    const c2 = byKey(cards, 'cloze/idem/c2');
    expect(plain(c2, [], 79).join('\n')).toContain(
      'A method is idempotent when repeating it changes nothing more: [...] and [...]\nare, POST is not.',
    );
    const shown = plain(c2, [reveal], 79).join('\n');
    expect(shown).toContain('nothing more: PUT and DELETE\nare, POST is not.');
    expect(shown).toContain('answer: PUT, DELETE');
    expect(shown).toContain('Retries rely on it.');
  });

  it('fits every width, never cutting a blank, with no mark of its own left in the text', () => {
    const c1 = byKey(cards, 'cloze/idem/c1');
    for (const cols of [12, 20, 40, 79])
      for (const actions of [[], [reveal]])
        for (const color of [false, true]) {
          const lines = cardBody(c1, ui(c1, ...actions), cols, color).lines;
          for (const line of lines) {
            expect(width(line), `${cols}: ${line}`).toBeLessThanOrEqual(cols);
            expect(line).not.toMatch(/[\u2063\u2064]/);
          }
          if (actions.length === 0 && cols >= 12)
            expect(lines.map(stripVTControlCharacters).join('\n')).toContain('[a\u00a0property]');
        }
  });

  it('highlights the blank and the answer, and gives the renderer’s styles back after them', () => {
    const [card] = cardsOf(`${FRONT}## Q {#q}\nkind: cloze\n\nCall \`a.{{c1::b}}(c)\` now.\n`);
    if (!card) throw new Error('no card');
    const question = cardBody(card, initialCardUi, 79, true).lines[2];
    // The code span's yellow gives way to bold cyan for the blank, then comes back.
    expect(question).toBe('Call \u001b[33ma.\u001b[1m\u001b[36m[...]\u001b[0m\u001b[33m(c)\u001b[39m now.');
    const answer = cardBody(card, ui(card, reveal), 79, true).lines[2];
    expect(answer).toBe('Call \u001b[33ma.\u001b[1m\u001b[32mb\u001b[0m\u001b[33m(c)\u001b[39m now.');
  });

  it('highlights a deletion over several lines on each of them, each line closing what it opens', () => {
    const [card] = cardsOf(
      `${FRONT}## Q {#q}\nkind: cloze\n\n\`\`\`text\nbefore {{c1::one\ntwo}} after\n\`\`\`\n`,
    );
    if (!card) throw new Error('no card');
    const lines = cardBody(card, ui(card, reveal), 79, true).lines.slice(2, 4);
    expect(lines).toEqual([
      '  before \u001b[1m\u001b[32mone\u001b[0m',
      '  \u001b[1m\u001b[32mtwo\u001b[0m after',
    ]);
  });

  it('takes a typed answer for typed: yes, checks it, and shows it with the answer', () => {
    const zero = byKey(cards, 'cloze/zero/c1');
    const typing = [...'nil'].map((text): CardAction => ({ type: 'type', text }));
    expect(plain(zero, typing, 79).join('\n')).toContain('› nil');
    expect(ui(zero, ...typing, reveal)).toMatchObject({ correct: true, rating: 3 });
    expect(ui(zero, { type: 'type', text: 'null' }, reveal)).toMatchObject({ correct: false, rating: 1 });
    const shown = plain(zero, [...typing, reveal], 79).join('\n');
    expect(shown).toContain('your answer: nil ✓ right');
    expect(shown).toContain('answer: nil');
    // An untyped cloze card takes no text: it is graded like a basic card.
    const idem = byKey(cards, 'cloze/idem/c1');
    expect(ui(idem, { type: 'type', text: 'x' }, reveal)).toMatchObject({
      typed: '',
      rating: 3,
      correct: null,
    });
  });
});
