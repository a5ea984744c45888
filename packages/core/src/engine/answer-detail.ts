// What a user says they answered (`grill review --chosen/--typed/--covered`) checked against the
// card, at the input boundary: an option or rubric point the card does not have, the same one
// twice, or a detail of another kind of card is refused, with the flag named. (Details that
// arrive by sync are not checked here: the card may differ on another machine.)
import { choiceCorrect, takesTyping, typedCorrect } from '../deck/answer-check.js';
import type { Card } from '../deck/model.js';
import { InvalidInputError } from '../errors.js';
import type { AnswerDetail } from '../scheduler/events.js';

/**
 * Throws InvalidInputError (`bad-detail`) when `detail` does not fit `card` (see the file's
 * header). Indexes are 0-based; the message names them 1-based, as the flags take them.
 */
export function checkAnswerDetail(card: Card, detail: AnswerDetail): void {
  const fail = (message: string) => {
    throw new InvalidInputError('bad-detail', message);
  };
  const indexes = (flag: string, list: readonly number[], count: number, what: string) => {
    const out = list.find((i) => !Number.isInteger(i) || i < 0 || i >= count);
    if (out !== undefined) fail(`--${flag} ${out + 1}: the card has ${count} ${what} (1-${count})`);
    const twice = list.find((i, n) => list.indexOf(i) !== n);
    if (twice !== undefined) fail(`--${flag} names ${twice + 1} twice`);
  };
  const kindOnly = (flag: string, kind: Card['kind']) => {
    if (card.kind !== kind)
      fail(
        `--${flag} is for ${kind} cards; ${card.key} is ${card.kind === 'open' ? 'an' : 'a'} ${card.kind} card`,
      );
  };
  if (detail.chosen) {
    kindOnly('chosen', 'choice');
    if (card.kind === 'choice') indexes('chosen', detail.chosen, card.options.length, 'options');
  }
  if (detail.typed !== undefined && !takesTyping(card)) {
    if (card.kind === 'cloze')
      fail(
        `--typed is for typed cards and cloze cards with typed: yes; ${card.key} is a cloze card without it`,
      );
    kindOnly('typed', 'typed');
  }
  if (detail.covered) {
    kindOnly('covered', 'open');
    if (card.kind === 'open') indexes('covered', detail.covered, card.rubric.length, 'rubric points');
  }
}

/**
 * `detail` (already checked) with `correct` set as the drill records it: whether the text typed
 * is accepted, or whether exactly the right options were chosen. Other details are returned as given.
 */
export function judgedDetail(card: Card, detail: AnswerDetail): AnswerDetail {
  if (detail.typed !== undefined) return { ...detail, correct: typedCorrect(card, detail.typed) };
  if (detail.chosen && card.kind === 'choice')
    return { ...detail, correct: choiceCorrect(card, detail.chosen) };
  return detail;
}
