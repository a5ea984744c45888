import {
  computeStats,
  dailyQueue,
  type Grill,
  type StatsReport,
  statsReport,
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
    tags: grill.tags(),
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

/** What the stats screen shows (computed in the engine). */
export type StatsData = StatsReport;

export function statsData(grill: Grill, now: number): StatsData {
  return statsReport(grill, now);
}
