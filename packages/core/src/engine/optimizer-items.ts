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

export interface TrainingSet {
  /** One item per answer after a card's first: the card's answers up to and including it. */
  items: TrainingReview[][];
  /** When each item's last answer was given (ms), for splitting past from future. */
  times: number[];
  /** Answers in effect the items were built from, and the cards they were on. */
  reviews: number;
  cards: number;
}

/** Builds the training set from the answers in effect (`deck`: only that deck's cards). */
export function trainingSet(grill: Grill, deck?: string): TrainingSet {
  const { rolloverHour, timeZone } = grill.settings();
  const byCard = new Map<string, { at: number; rating: Rating }[]>();
  for (const e of grill.store.events.reviewsInEffect()) {
    if (deck !== undefined && !e.cardKey.startsWith(`${deck}/`)) continue;
    const list = byCard.get(e.cardKey) ?? [];
    list.push({ at: e.at, rating: e.payload.rating });
    byCard.set(e.cardKey, list);
  }
  const items: TrainingReview[][] = [];
  const times: number[] = [];
  let reviews = 0;
  for (const answers of byCard.values()) {
    answers.sort((a, b) => a.at - b.at);
    reviews += answers.length;
    const sequence: TrainingReview[] = [];
    let lastDay: number | null = null;
    for (const { at, rating } of answers) {
      const day = dayNumber(toDayTime(at, rolloverHour, timeZone));
      sequence.push({ rating, deltaT: lastDay === null ? 0 : day - lastDay });
      lastDay = day;
      // FSRS needs at least one review a day or more after the one before (a long-term review):
      // an item of same-day learning steps alone is not a training item.
      if (sequence.length > 1 && sequence.some((r) => r.deltaT > 0)) {
        items.push([...sequence]);
        times.push(at);
      }
    }
  }
  return { items, times, reviews, cards: byCard.size };
}
