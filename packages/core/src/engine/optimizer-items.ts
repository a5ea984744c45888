// The review log as the FSRS optimizer takes it (issue 15): per card, its answers in effect in
// time order, each with the days since the answer before in grill's day convention (the local
// date in the collection's time zone, with the rollover hour: the days the scheduler counts), and
// one training item per answer after the first, holding every answer up to it (fsrs-rs's
// FSRSItem: "a list of reviews for a card … each item corresponds to a single review, but
// contains the previous reviews of the card as well"). Undone answers and non-review events are
// left out; answers on the same day have 0 days between them (short-term reviews), and an item
// with no review on a later day than the one before is left out (fsrs-rs refuses it, aborting
// the process: "at least one review with delta_t > 0 is required").

import { toDayTime } from '../scheduler/day.js';
import type { Rating } from '../scheduler/events.js';
import { dayNumber } from '../scheduler/exam-mode.js';
import type { Grill } from './grill.js';

/** One answer in an item: its rating and the grill days since the card's previous answer (0 for the first). */
export interface TrainingReview {
  rating: Rating;
  deltaT: number;
}

/**
 * Answers per item at most: an item is a card's whole history up to one answer, so the set grows
 * with the square of history length; fsrs-rs leaves items longer than its `max_seq_len` out of
 * training anyway (256 in fsrs 6.5; 64 before), and a card answered more than 64 times is a leech
 * whose later answers the model cannot learn much from. Its first 64 answers still train.
 */
export const MAX_ITEM_REVIEWS = 64;

/** One training item: the first `length` answers of card `card`'s sequence, the last given at `at` (ms). */
export interface TrainingItem {
  card: number;
  length: number;
  at: number;
}

export interface TrainingSet {
  /** Per card, its answers in effect in time order (the first MAX_ITEM_REVIEWS). */
  sequences: TrainingReview[][];
  /** One item per answer after a card's first, in the time order of their last answers. */
  items: TrainingItem[];
  /** Answers in effect the items were built from, and the cards they were on. */
  reviews: number;
  cards: number;
  /** When the latest of those answers was given (ms; null when there are none). */
  lastAnswerAt: number | null;
}

/** The answers an item holds. */
export function itemReviews(set: TrainingSet, item: TrainingItem): TrainingReview[] {
  return (set.sequences[item.card] ?? []).slice(0, item.length);
}

/** Builds the training set from the answers in effect (`deck`: only that deck's cards). */
export function trainingSet(grill: Grill, deck?: string): TrainingSet {
  const { rolloverHour, timeZone } = grill.settings();
  const sequences: TrainingReview[][] = [];
  const items: TrainingItem[] = [];
  let reviews = 0;
  let lastAnswerAt: number | null = null;
  const addCard = (answers: { at: number; rating: Rating }[]) => {
    answers.sort((a, b) => a.at - b.at);
    reviews += answers.length;
    lastAnswerAt = Math.max(lastAnswerAt ?? 0, answers.at(-1)?.at ?? 0);
    const card = sequences.length;
    const sequence: TrainingReview[] = [];
    let lastDay: number | null = null;
    let longTerm = false;
    for (const { at, rating } of answers.slice(0, MAX_ITEM_REVIEWS)) {
      const day = dayNumber(toDayTime(at, rolloverHour, timeZone));
      const deltaT = lastDay === null ? 0 : day - lastDay;
      sequence.push({ rating, deltaT });
      lastDay = day;
      longTerm ||= deltaT > 0;
      // FSRS needs at least one review a day or more after the one before (a long-term review):
      // an item of same-day learning steps alone is not a training item.
      if (longTerm) items.push({ card, length: sequence.length, at });
    }
    sequences.push(sequence);
  };
  // The answers in effect (the review cache: undone answers and other events are not in it), a
  // card at a time, so only one card's answers are held at once.
  let key: string | null = null;
  let answers: { at: number; rating: Rating }[] = [];
  for (const [cardKey, at, rating] of grill.store.reviews.answersByCard(deck)) {
    if (cardKey !== key) {
      if (answers.length > 0) addCard(answers);
      key = cardKey;
      answers = [];
    }
    answers.push({ at, rating: rating as Rating });
  }
  if (answers.length > 0) addCard(answers);
  items.sort((a, b) => a.at - b.at);
  return { sequences, items, reviews, cards: sequences.length, lastAnswerAt };
}
