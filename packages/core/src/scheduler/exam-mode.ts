import type { Settings } from './settings.js';

// Exam mode (issue 14): with an interview date set, and until that day, no review is scheduled
// past it, and new cards are paced so every card is seen before the last days, which are kept for
// review. Pure functions of the settings, the day and the card: synced machines agree.
//
// Days here are day numbers: whole days since 1970-01-01 of grill's day-times (see toDayTime in
// day.ts), so day N+1 is the calendar day after day N in the collection's time zone.

const DAY_MS = 86_400_000;

/** The exam window as seen on one day. */
export interface ExamWindow {
  /** The interview's day number. */
  interviewDay: number;
  /** The first of the days kept for review only (interviewDay − review-only-days). */
  reviewFrom: number;
}

/** The day number of a day-time (ms, see toDayTime). */
export function dayNumber(dayTime: number): number {
  return Math.floor(dayTime / DAY_MS);
}

/** The day number of a calendar date (YYYY-MM-DD). */
export function dateDayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The exam window on day `today`, or null when no interview date is set or its day has come. */
export function examWindow(settings: Settings, today: number): ExamWindow | null {
  if (settings.interviewDate === null) return null;
  const interviewDay = dateDayNumber(settings.interviewDate);
  if (today >= interviewDay) return null;
  return { interviewDay, reviewFrom: interviewDay - settings.reviewOnlyDays };
}

/**
 * The day (a day number) an interval in days answered on day `today` ends on in exam mode, given
 * the day it would end on (`natural`) and the day the rating below ends on (`floor`, so Hard ≤
 * Good ≤ Easy stay ordered). Before the review-only days, an interval reaching the interview day
 * or later is shortened to one of the review-only days, chosen by `spread` (a number fixed per
 * card and answer) so the cards are spread over those days, not piled on the last one; within
 * them, an interval past the interview day ends on that day. Never later than the interview day.
 */
export function examDueDay(
  natural: number,
  today: number,
  window: ExamWindow,
  spread: number,
  floor: number,
): number {
  const { interviewDay, reviewFrom } = window;
  let day = natural;
  if (today < reviewFrom) {
    // One of the review-only days (the interview day itself when there are none).
    const count = interviewDay - reviewFrom;
    if (natural >= interviewDay) day = count === 0 ? interviewDay : reviewFrom + (spread % count);
  } else if (natural > interviewDay) {
    day = interviewDay;
  }
  return Math.min(Math.max(day, floor), interviewDay);
}

/**
 * A number fixed by the card and how many times it was answered (FNV-1a of `key#reps`), to spread
 * shortened intervals over the review-only days. Not random: every machine computes the same.
 */
export function spreadOf(cardKey: string, reps: number): number {
  let hash = 0x811c9dc5;
  const text = `${cardKey}#${reps}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The pace toward the interview on day `today`, with `unseen` cards not yet introduced when the
 * day began: the new cards a day that introduce them all before the review-only days, capped by
 * max-new-per-day; 0 within the review-only days, and null outside exam mode.
 */
export function examPace(settings: Settings, today: number, unseen: number): number | null {
  const window = examWindow(settings, today);
  if (!window) return null;
  const daysLeft = window.reviewFrom - today;
  if (daysLeft <= 0) return 0;
  return Math.min(Math.ceil(unseen / daysLeft), settings.maxNewPerDay);
}

/**
 * The day's new-card limit for these settings (see examPace): the usual new-per-day; in exam
 * mode, raised to the pace (never below new-per-day), and 0 within the review-only days.
 */
export function newCardLimit(settings: Settings, today: number, unseen: number): number {
  const window = examWindow(settings, today);
  if (!window) return settings.newPerDay;
  if (today >= window.reviewFrom) return 0;
  return Math.max(settings.newPerDay, examPace(settings, today, unseen) ?? 0);
}
