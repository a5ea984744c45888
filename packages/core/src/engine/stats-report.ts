import type { Grill } from './grill.js';
import { type ReadinessTrend, readinessTrend } from './readiness-history.js';
import { answersPerDay, computeStats, forecast } from './stats.js';
import { type WeakSpots, weakSpots } from './weak-spots.js';

const DAY = 86_400_000;

/** What the stats screen shows, computed at once with a bounded number of queries. */
export interface StatsReport {
  /** Answers per day for the last 26 weeks, oldest first. */
  heatmap: { date: string; reviews: number }[];
  /** Cards due per day for the next 30 days. */
  forecast: { date: string; due: number }[];
  /** True retention over the last 30 days (answers on cards in review not rated Again), per deck. */
  retentionByDeck: { name: string; reviews: number; rate: number | null }[];
  /** The same per tag (a card's answers count for each of its tags), most answered first. */
  retentionByTag: { name: string; reviews: number; rate: number | null }[];
  /** The ten cards with the most lapses: leeches first, then the least stable. */
  weakest: { key: string; title: string; lapses: number; leech: boolean }[];
  totals: ReturnType<typeof computeStats>['totals'];
  /** Readiness toward the interview date over the last 14 days (null without a date ahead). */
  readiness: ReadinessTrend | null;
  /** The rubric points most often missed (five), per deck and tag. */
  weakSpots: WeakSpots;
}

const rate = (reviews: number, passed: number) => (reviews === 0 ? null : passed / reviews);

/** The stats screen's data at `now` (ms). Query count does not grow with the number of cards. */
export function statsReport(grill: Grill, now: number): StatsReport {
  const since = now - 30 * DAY;
  const { stats } = grill.store;
  return {
    heatmap: answersPerDay(grill, now, 26 * 7),
    forecast: forecast(grill, now, 30),
    retentionByDeck: stats
      .retentionByDeck(since)
      .map((d) => ({ name: d.deckId, reviews: d.reviews, rate: rate(d.reviews, d.passed) })),
    retentionByTag: stats
      .retentionByTag(since)
      .map((t) => ({ name: t.tag, reviews: t.reviews, rate: rate(t.reviews, t.passed) })),
    weakest: stats
      .weakest(10)
      .map((w) => ({ key: w.cardKey, title: w.title, lapses: w.lapses, leech: w.leech })),
    totals: computeStats(grill, now, 1).totals,
    readiness: readinessTrend(grill, now),
    weakSpots: weakSpots(grill, 5),
  };
}
