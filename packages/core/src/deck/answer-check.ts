import type { Rating } from '../scheduler/events.js';
import type { Card, ChoiceCard, ClozeCard, TypedCard } from './model.js';

/**
 * How typed answers are compared: Unicode compatibility normalisation (NFKC) first, so `é` typed
 * as `e` + U+0301 equals the precomposed `é` and full-width `４１０` equals `410`; then case,
 * backticks, surrounding and repeated whitespace ignored.
 */
export function normalizeTyped(text: string): string {
  return text.normalize('NFKC').replace(/`/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function typedMatches(card: TypedCard, input: string): boolean {
  const given = normalizeTyped(input);
  return given !== '' && card.accept.some((a) => normalizeTyped(a) === given);
}

/**
 * A typed cloze answer is right when it is the asked number's answers, in order, separated by
 * commas (each different answer once), normalised as typed answers are.
 */
export function clozeMatches(card: ClozeCard, input: string): boolean {
  const canonical = (text: string) => normalizeTyped(text).replace(/\s*,\s*/g, ', ');
  const given = canonical(input);
  return given !== '' && given === canonical(card.answers.join(', '));
}

/** Whether a card takes a typed answer: a typed card, or a cloze card with `typed: yes`. */
export function takesTyping(card: Card): boolean {
  return card.kind === 'typed' || (card.kind === 'cloze' && card.typed);
}

/** Whether a typed answer is right: never for a card that takes none. */
export function typedCorrect(card: Card, input: string): boolean {
  if (!takesTyping(card)) return false;
  return card.kind === 'typed'
    ? typedMatches(card, input)
    : card.kind === 'cloze' && clozeMatches(card, input);
}

/** A choice answer is right when exactly the correct options (0-based) were chosen. */
export function choiceCorrect(card: ChoiceCard, chosen: readonly number[]): boolean {
  const picked = new Set(chosen);
  return card.options.every((o, i) => o.correct === picked.has(i));
}

/** The rating a right or wrong choice/typed answer implies: Good when right, Again when wrong. */
export function impliedRating(correct: boolean): Rating {
  return correct ? 3 : 1;
}

/**
 * The rating suggested for an open card from the share of rubric points covered:
 * under 50% Again, under 75% Hard, under 100% Good, everything Easy.
 */
export function suggestRating(covered: number, total: number): Rating {
  if (total <= 0) return 3;
  const share = covered / total;
  if (share < 0.5) return 1;
  if (share < 0.75) return 2;
  if (share < 1) return 3;
  return 4;
}
