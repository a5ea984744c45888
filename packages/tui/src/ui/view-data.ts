import {
  answersPerDay,
  computeStats,
  dailyQueue,
  forecast,
  type Grill,
  streak,
  syncStatus,
} from '@grill/core';

export interface HomeData {
  due: number;
  learning: number;
  newAvailable: number;
  reviewsToday: number;
  streak: number;
  nextDueInMs: number | null;
  decks: { id: string; title: string; learning: number; review: number; new: number }[];
  tags: string[];
  /** Sync status, when logged in to a server. */
  sync: { server: string; lastSyncAgoMs: number | null; unsynced: number } | null;
}

/** What the home screen shows. */
export function homeData(grill: Grill, now: number, syncServer: string | null = null): HomeData {
  const queue = dailyQueue(grill, now);
  const today = computeStats(grill, now, 1).today;
  const sum = (f: 'learning' | 'review' | 'new') => queue.perDeck.reduce((n, d) => n + d[f], 0);
  return {
    due: sum('review'),
    learning: sum('learning'),
    newAvailable: sum('new'),
    reviewsToday: today.reviews,
    streak: streak(grill, now),
    nextDueInMs: queue.nextDue === null ? null : queue.nextDue - now,
    decks: queue.perDeck.map((d) => ({
      id: d.deckId,
      title: d.title,
      learning: d.learning,
      review: d.review,
      new: d.new,
    })),
    tags: grill.store.cards.tags(),
    sync: syncServer ? syncView(grill, now, syncServer) : null,
  };
}

function syncView(grill: Grill, now: number, server: string) {
  const status = syncStatus(grill);
  return {
    server,
    lastSyncAgoMs: status.lastSync === null ? null : now - status.lastSync,
    unsynced: status.unsynced,
  };
}

export interface StatsData {
  /** Answers per day for the last 26 weeks, oldest first. */
  heatmap: { date: string; reviews: number }[];
  /** Cards due per day for the next 30 days. */
  forecast: { date: string; due: number }[];
  retentionByDeck: { name: string; reviews: number; rate: number | null }[];
  retentionByTag: { name: string; reviews: number; rate: number | null }[];
  weakest: { key: string; title: string; lapses: number; leech: boolean }[];
  totals: ReturnType<typeof computeStats>['totals'];
}

const DAY = 86_400_000;

export function statsData(grill: Grill, now: number): StatsData {
  const heatmap = answersPerDay(grill, now, 26 * 7);
  const since = now - 30 * DAY;
  const rate = (reviews: number, passed: number) => (reviews === 0 ? null : passed / reviews);
  const byCard = grill.store.stats.retentionByCard(since);
  const byTag = new Map<string, { reviews: number; passed: number }>();
  for (const row of byCard) {
    for (const tag of grill.store.cards.get(row.cardKey)?.content.tags ?? []) {
      const t = byTag.get(tag) ?? { reviews: 0, passed: 0 };
      t.reviews += row.reviews;
      t.passed += row.passed;
      byTag.set(tag, t);
    }
  }
  return {
    heatmap,
    forecast: forecast(grill, now, 30),
    retentionByDeck: grill.store.stats
      .retentionByDeck(since)
      .map((d) => ({ name: d.deckId, reviews: d.reviews, rate: rate(d.reviews, d.passed) })),
    retentionByTag: [...byTag]
      .map(([name, t]) => ({ name, reviews: t.reviews, rate: rate(t.reviews, t.passed) }))
      .sort((a, b) => b.reviews - a.reviews),
    weakest: grill.store.stats.weakest(10).map((w) => ({
      key: w.cardKey,
      title: grill.store.cards.get(w.cardKey)?.content.title ?? w.cardKey,
      lapses: w.lapses,
      leech: w.leech,
    })),
    totals: computeStats(grill, now, 1).totals,
  };
}
