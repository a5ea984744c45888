// The forecast "if you follow the schedule" (issue 14): the collection simulated forward day by day
// with the real scheduler — exam mode included — to the morning of the interview. Each review
// succeeds with its predicted probability (FSRS retrievability at that moment), decided by a
// number fixed per card and answer rather than a random draw, so the forecast is deterministic.

import {
  applyEvent,
  CardPhase,
  type CardState,
  emptyState,
  retrievability,
} from '../scheduler/card-state.js';
import { addDays, toDayTime } from '../scheduler/day.js';
import type { Rating } from '../scheduler/events.js';
import { dayNumber, newCardLimit, spreadOf } from '../scheduler/exam-mode.js';
import type { Settings } from '../scheduler/settings.js';

/** A card as the simulation starts from it. */
export interface ForecastCard {
  key: string;
  /** Its deck's settings (the interview date, for a what-if, already put in). */
  settings: Settings;
  /** Its state now; null when never answered. */
  state: CardState | null;
}

export interface ForecastInput {
  /** Answered cards (any order) and unseen cards in the order they would be introduced. */
  cards: readonly ForecastCard[];
  /** The collection's settings (days, the overall new-card pace). */
  settings: Settings;
  now: number;
  /** Start of today and of the interview day (ms). */
  todayStart: number;
  morning: number;
  /** New cards already introduced today, and reviews already answered today. */
  newToday: number;
  reviewsToday: number;
  /** Time one answer takes (seconds). */
  secondsPerAnswer: number;
  /** Study time a day (minutes), or null for no limit: everything due, every new card paced. */
  minutesPerDay: number | null;
  /** Mixed into every simulated draw: another seed, another equally likely run (default 0). */
  seed?: number;
  /** How a recalled card is rated, as shares of Hard, Good and Easy (default: always Good). */
  recallRatings?: { hard: number; good: number; easy: number };
}

export interface ScheduleForecast {
  /** Predicted recall (0–1) of each card on the morning of the interview; unseen then: 0. */
  recall: Map<string, number>;
  /** Answers simulated on each day from today to the day before the interview. */
  answersPerDay: number[];
  /** Cards in review due each day, and those of them the reviews-per-day limit left for later. */
  reviewsDue: number[];
  reviewsHeldBack: number[];
}

const HOUR = 3_600_000;
/** Learning steps followed within a day, at most (a guard: steps end within a day or two). */
const MAX_STEPS = 12;

/** Runs the simulation (see the file's header). Pure; cost grows with cards × days. */
export function forecastSchedule(input: ForecastInput): ScheduleForecast {
  const { settings, secondsPerAnswer } = input;
  const { rolloverHour, timeZone } = settings;
  const states = new Map<string, CardState>();
  const unseen: ForecastCard[] = [];
  for (const card of input.cards) {
    if (card.state) states.set(card.key, card.state);
    else unseen.push(card);
  }
  const settingsOf = new Map(input.cards.map((c) => [c.key, c.settings]));
  const answersPerDay: number[] = [];
  const reviewsDue: number[] = [];
  const reviewsHeldBack: number[] = [];
  const step = secondsPerAnswer * 1000;
  const seed = input.seed ?? 0;
  const shares = input.recallRatings;
  // A recalled card's rating: Good, or drawn from the user's own shares of Hard, Good and Easy.
  const recalled = (state: CardState): Rating => {
    if (!shares) return 3;
    const total = shares.hard + shares.good + shares.easy;
    const u = chance(state, seed + 104_729) * total;
    return u < shares.hard ? 2 : u < shares.hard + shares.good ? 3 : 4;
  };
  let introduced = 0;
  for (let day = 0; ; day++) {
    const start = addDays(input.todayStart, day, rolloverHour, timeZone);
    if (start >= input.morning) break;
    const end = addDays(start, 1, rolloverHour, timeZone);
    // Today from now; later days from four hours past the rollover.
    let at = day === 0 ? input.now : start + 4 * HOUR;
    let budget =
      input.minutesPerDay === null ? Number.POSITIVE_INFINITY : (input.minutesPerDay * 60_000) / step;
    let answers = 0;
    const answer = (key: string, rating: Rating) => {
      const cardSettings = settingsOf.get(key) as Settings;
      let state = states.get(key) ?? emptyState(key);
      let r = rating;
      for (let steps = 0; steps < MAX_STEPS && budget >= 1; steps++) {
        at = Math.max(at, state.due);
        state = applyEvent(state, review(key, at, r), cardSettings).state;
        answers++;
        budget--;
        at += step;
        // Learning steps due again today are answered today (and remembered, minutes later).
        if (state.due >= end) break;
        r = 3;
      }
      states.set(key, state);
    };
    const due = [...states.values()].filter((s) => s.due < end && !s.suspended).sort((a, b) => a.due - b.due);
    // The daily review limit counts cards in review (learning steps are not limited), as the queue does.
    let reviewsLeft = settings.reviewsPerDay - (day === 0 ? input.reviewsToday : 0);
    let dueReviews = 0;
    let heldBack = 0;
    for (const state of due) {
      if (state.phase === CardPhase.Review) {
        dueReviews++;
        if (reviewsLeft <= 0) {
          heldBack++;
          continue;
        }
        reviewsLeft--;
      }
      if (budget < 1) continue;
      const r = retrievability(state, Math.max(at, state.due), settingsOf.get(state.cardKey) as Settings);
      answer(state.cardKey, chance(state, seed) < r ? recalled(state) : 1);
    }
    const today = dayNumber(toDayTime(start, rolloverHour, timeZone));
    const remaining = unseen.length - introduced + (day === 0 ? input.newToday : 0);
    let newCards = newCardLimit(settings, today, remaining) - (day === 0 ? input.newToday : 0);
    while (newCards-- > 0 && introduced < unseen.length && budget >= 1) {
      answer((unseen[introduced++] as ForecastCard).key, 3);
    }
    answersPerDay.push(answers);
    reviewsDue.push(dueReviews);
    reviewsHeldBack.push(heldBack);
  }
  const recall = new Map<string, number>();
  for (const card of input.cards) {
    const state = states.get(card.key);
    recall.set(card.key, state ? retrievability(state, input.morning, card.settings) : 0);
  }
  return { recall, answersPerDay, reviewsDue, reviewsHeldBack };
}

/** A number in [0, 1) fixed by the card, its answers so far and the seed: the simulated draw. */
function chance(state: CardState, seed: number): number {
  return spreadOf(`${state.cardKey}@${seed}`, state.reps + 7919) / 2 ** 32;
}

function review(cardKey: string, at: number, rating: Rating) {
  return { type: 'review' as const, id: `forecast-${at}`, cardKey, at, payload: { rating, durationMs: 0 } };
}
