// The time one answer takes this user, measured from their review log (for minutes a day).
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
