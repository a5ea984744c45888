/**
 * What the screens show, read from the engine: each is read when its screen is entered (see
 * app-effects.ts), never while drawing.
 */
import {
  computeStats,
  dailyQueue,
  type Grill,
  type StatsReport,
  statsReport,
  streak,
  syncStatus,
  upcoming,
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

/** A row of the deck or tag picker: what it starts a session on, and how it is listed. */
export interface PickerItem {
  value: string;
  label: string;
}

export function pickerData(grill: Grill, kind: 'deck' | 'tag'): PickerItem[] {
  if (kind === 'deck') return grill.decks().map((d) => ({ value: d.id, label: `${d.id}  ${d.title}` }));
  return grill.tagCounts().map((t) => ({
    value: t.tag,
    label: `${t.tag} (${t.cards} ${t.cards === 1 ? 'card' : 'cards'})`,
  }));
}

/** What the summary shows besides the session's own counts: what comes next, and the streak. */
export function summaryData(grill: Grill, now: number) {
  return { upcoming: upcoming(grill, now), streak: streak(grill, now) };
}
