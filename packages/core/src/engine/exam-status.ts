// Where the collection stands in exam mode today (issue 14): for `grill due` and the home screen,
// which must say why no new cards come in the review-only days.
import { toDayTime } from '../scheduler/day.js';
import { dateDayNumber, dayNumber, examWindow } from '../scheduler/exam-mode.js';
import type { Grill } from './grill.js';

export interface ExamStatus {
  /** The interview day (YYYY-MM-DD) and the grill days until it (at least 1: exam mode ends on the day). */
  date: string;
  daysLeft: number;
  /** Today is one of the review-only days (no new cards). */
  reviewOnly: boolean;
  /** Active cards never answered (suspended ones aside). */
  unseen: number;
  /**
   * The reviews a day the review-only days take to show every active card once (the cards over
   * those days, rounded up), against the daily review limit: above it, some cards are not
   * reviewed before the interview unless the limit is raised.
   */
  reviewsNeeded: number;
  reviewLimit: number;
  /**
   * The limit to set when reviewsNeeded is above it: a quarter more, since the cards are spread
   * over those days by a hash of each card (not evenly) and lapses come back the same days.
   */
  reviewLimitAdvised: number;
}

/** Exam mode toward the global interview date at `now` (ms), or null when it is off (no date, or its day has come). */
export function examStatus(grill: Grill, now: number): ExamStatus | null {
  const settings = grill.settings();
  const today = dayNumber(toDayTime(now, settings.rolloverHour, settings.timeZone));
  const window = examWindow(settings, today);
  if (!window || settings.interviewDate === null) return null;
  let unseen = 0;
  for (const n of grill.store.queue.unseenByDeck().values()) unseen += n;
  const active = grill.cardCounts().reduce((n, c) => n + c.n, 0);
  const reviewsNeeded = Math.ceil(active / Math.max(1, settings.reviewOnlyDays));
  return {
    date: settings.interviewDate,
    daysLeft: dateDayNumber(settings.interviewDate) - today,
    reviewOnly: today >= window.reviewFrom,
    unseen,
    reviewsNeeded,
    reviewLimit: settings.reviewsPerDay,
    reviewLimitAdvised: Math.ceil(reviewsNeeded * 1.25),
  };
}
