// How this user answers, measured from their review log: the time one answer takes (for minutes a
// day) and how they rate a card they recalled (for simulations).
import type { Grill } from './grill.js';

/** Seconds an answer is taken to last until the user has answered enough cards to measure it. */
export const DEFAULT_SECONDS_PER_ANSWER = 20;
/** Answers measured before the user's own time replaces the default. */
const MEASURED_AFTER = 20;

/**
 * Seconds one answer takes this user: the median time of their last 200 answers (each capped at
 * 5 minutes), or DEFAULT_SECONDS_PER_ANSWER (`measured` false) until they have answered 20.
 */
export function secondsPerAnswer(grill: Grill): { seconds: number; measured: boolean } {
  const times = grill.store.stats.recentAnswerTimes(200);
  if (times.length < MEASURED_AFTER) return { seconds: DEFAULT_SECONDS_PER_ANSWER, measured: false };
  const sorted = times.map((ms) => Math.min(ms, 300_000)).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2
      ? (sorted[Math.floor(mid)] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { seconds: Math.max(1, median / 1000), measured: true };
}

/** Answers on cards in review before the user's own Hard/Good/Easy shares replace "always Good". */
const RATINGS_MEASURED_AFTER = 20;

/** How this user rates a card they recalled: their counts of Hard, Good and Easy on cards in review (undefined until there are 20). */
export function ownRecallRatings(grill: Grill): { hard: number; good: number; easy: number } | undefined {
  const r = grill.store.stats.reviewRatings();
  return r[2] + r[3] + r[4] >= RATINGS_MEASURED_AFTER ? { hard: r[2], good: r[3], easy: r[4] } : undefined;
}
