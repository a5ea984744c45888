import { addDays, dayKey, dayStart } from '../scheduler/day.js';
import type { Grill } from './grill.js';

export interface Stats {
  today: { reviews: number; newCards: number; timeMs: number };
  /** Days in a row, ending today (or yesterday if nothing is done yet today), with at least one answer. */
  streak: number;
  /** True retention over 30 days: share of review-phase answers that were not "again". */
  retention30d: { reviews: number; passed: number; rate: number | null };
  /** Cards due per day for the next 14 days (index 0 = today, overdue included). */
  forecast: { date: string; due: number }[];
  totals: {
    cards: number;
    new: number;
    learning: number;
    review: number;
    suspended: number;
    leeches: number;
  };
}

const DAY = 86_400_000;

export function computeStats(grill: Grill, now: number, forecastDays = 14): Stats {
  const { store } = grill;
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const start = dayStart(now, rollover, zone);
  const today = { reviews: 0, newCards: 0, timeMs: 0 };
  for (const t of store.queue.today(start)) {
    today.reviews += t.answers;
    today.newCards += t.newCards;
    today.timeMs += t.durationMs;
  }
  const retention = store.stats.retention(now - 30 * DAY);
  return {
    today,
    streak: streak(grill, now),
    retention30d: {
      ...retention,
      rate: retention.reviews === 0 ? null : retention.passed / retention.reviews,
    },
    forecast: forecast(grill, now, forecastDays),
    totals: store.stats.totals(),
  };
}

export function streak(grill: Grill, now: number): number {
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const answeredOn = (start: number) =>
    grill.store.stats.anyReviewBetween(start, addDays(start, 1, rollover, zone));
  // One index seek per day walked back: cheap however long the history is.
  let cursor = dayStart(now, rollover, zone);
  if (!answeredOn(cursor)) cursor = addDays(cursor, -1, rollover, zone);
  let n = 0;
  while (answeredOn(cursor)) {
    n++;
    cursor = addDays(cursor, -1, rollover, zone);
  }
  return n;
}

export function forecast(grill: Grill, now: number, days: number): { date: string; due: number }[] {
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const start = dayStart(now, rollover, zone);
  const bounds = Array.from({ length: days + 1 }, (_, i) => addDays(start, i, rollover, zone));
  const counts = new Array<number>(days).fill(0);
  for (const due of grill.store.stats.dueTimesBefore(bounds[days] ?? start)) {
    let i = 0;
    while (i < days - 1 && due >= (bounds[i + 1] ?? 0)) i++;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((due, i) => ({ date: dayKey(bounds[i] ?? start, rollover, zone), due }));
}

/**
 * What comes due soon after `now`: cards due later in today's day window (learning steps, say)
 * and cards due in tomorrow's day window. Counts of cards, by their current due time.
 */
export function upcoming(grill: Grill, now: number): { laterToday: number; tomorrow: number } {
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const end = addDays(dayStart(now, rollover, zone), 1, rollover, zone);
  const endTomorrow = addDays(end, 1, rollover, zone);
  let laterToday = 0;
  let tomorrow = 0;
  for (const due of grill.store.stats.dueTimesBefore(endTomorrow)) {
    if (due >= end) tomorrow++;
    else if (due > now) laterToday++;
  }
  return { laterToday, tomorrow };
}

/**
 * Answers per grill day for the `days` days ending today, oldest first, with each day's date
 * (YYYY-MM-DD in the collection's time zone). One index range count per day.
 */
export function answersPerDay(grill: Grill, now: number, days: number): { date: string; reviews: number }[] {
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const today = dayStart(now, rollover, zone);
  return Array.from({ length: days }, (_, i) => {
    const start = addDays(today, i - (days - 1), rollover, zone);
    const end = addDays(start, 1, rollover, zone);
    return { date: dayKey(start, rollover, zone), reviews: grill.store.stats.countBetween(start, end) };
  });
}
