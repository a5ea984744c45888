import { describe, expect, it } from 'vitest';
import { dateDayNumber, examDueDay, examWindow, newCardLimit } from './exam-mode.js';
import { DEFAULT_SETTINGS } from './settings.js';

const exam = {
  ...DEFAULT_SETTINGS,
  interviewDate: '2026-12-22',
  reviewOnlyDays: 3,
  newPerDay: 10,
  maxNewPerDay: 40,
};
const D = dateDayNumber('2026-12-22');

describe('exam mode', () => {
  it('has a window until the interview day, none on it or after, none without a date', () => {
    expect(examWindow(exam, D - 1)).toEqual({ interviewDay: D, reviewFrom: D - 3 });
    expect(examWindow(exam, D)).toBeNull();
    expect(examWindow(DEFAULT_SETTINGS, D - 5)).toBeNull();
  });

  it('ends intervals reaching the date on a review-only day (by the spread), within those days on the date itself', () => {
    const w = { interviewDay: D, reviewFrom: D - 3 };
    expect(examDueDay(D - 5, D - 10, w, 7, 0)).toBe(D - 5); // ends before the date: kept
    expect(examDueDay(D - 2, D - 10, w, 7, 0)).toBe(D - 2); // ends in the final days: kept
    expect([0, 1, 2].map((s) => examDueDay(D + 30, D - 10, w, s, 0))).toEqual([D - 3, D - 2, D - 1]);
    expect(examDueDay(D, D - 10, w, 4, 0)).toBe(D - 2); // the date itself counts as past, before the window
    expect(examDueDay(D - 3, D - 10, w, 0, D - 1)).toBe(D - 1); // never before the rating below
    expect(examDueDay(D + 9, D - 2, w, 0, 0)).toBe(D); // answered in the final days: the date
    expect(examDueDay(D + 9, D - 10, { interviewDay: D, reviewFrom: D }, 5, 0)).toBe(D); // no review-only days
  });

  it('paces new cards to finish before the review-only days, between new-per-day and max-new-per-day; none within them', () => {
    expect(newCardLimit(exam, D - 13, 200)).toBe(20); // 200 cards over 10 days
    expect(newCardLimit(exam, D - 13, 30)).toBe(10); // never below new-per-day
    expect(newCardLimit(exam, D - 4, 500)).toBe(40); // capped by max-new-per-day
    expect(newCardLimit(exam, D - 3, 500)).toBe(0);
    expect(newCardLimit(exam, D + 1, 500)).toBe(10); // after the date: back to normal
    expect(newCardLimit(DEFAULT_SETTINGS, D, 500)).toBe(20);
  });
});
