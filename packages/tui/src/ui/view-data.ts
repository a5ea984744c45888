/**
 * What the screens show, read from the engine: each is read when its screen is entered (see
 * app-effects.ts), never while drawing.
 */
import {
  aheadCards,
  computeStats,
  dailyQueue,
  examStatus,
  type Grill,
  InvalidInputError,
  readiness,
  type StatsReport,
  secondsPerAnswer,
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
  /** The interview countdown, when an interview date is set and not past. */
  interview: HomeInterview | null;
  /** Study ahead, offered when nothing is due: the cards due in the next `days` days (null: none, or cards are due). */
  studyAhead: { days: number; cards: number } | null;
}

/** How far ahead home's study ahead looks. */
export const STUDY_AHEAD_DAYS = 7;

export interface HomeInterview {
  date: string;
  daysLeft: number;
  /** Today is one of the review-only days before it (no new cards), and the cards never seen. */
  reviewOnly: boolean;
  unseen: number;
  /** Predicted recall (0–1) on the interview morning if study stopped now: all cards, and per deck id. */
  recall: number;
  decks: Record<string, number>;
  /** Expected minutes for today's queue, at the user's own time per answer. */
  minutesToday: number;
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
    // A new card takes an answer per learning step before it graduates (two with the default 1m 10m).
    interview: interviewView(
      grill,
      now,
      sum('review') + sum('learning') + sum('new') * Math.max(1, grill.settings().learningSteps.length),
    ),
    studyAhead: studyAheadView(grill, now, sum('review') + sum('learning') + sum('new')),
  };
}

/** Study ahead, when nothing is left today and cards come due within STUDY_AHEAD_DAYS. */
function studyAheadView(grill: Grill, now: number, cardsToday: number): HomeData['studyAhead'] {
  if (cardsToday > 0) return null;
  const cards = aheadCards(grill, now, STUDY_AHEAD_DAYS).length;
  return cards > 0 ? { days: STUDY_AHEAD_DAYS, cards } : null;
}

/** The countdown for the home screen; `answersToday` is the answers today's queue takes. */
function interviewView(grill: Grill, now: number, answersToday: number): HomeInterview | null {
  const settings = grill.settings();
  if (settings.interviewDate === null) return null;
  let ready: ReturnType<typeof readiness>;
  try {
    ready = readiness(grill, settings.interviewDate, now);
  } catch (error) {
    if (error instanceof InvalidInputError) return null; // the day is past: no countdown
    throw error;
  }
  const cards = ready.decks.reduce((n, d) => n + d.cards, 0);
  const recall = ready.decks.reduce((n, d) => n + d.recallIfStopped * d.cards, 0);
  return {
    date: ready.date,
    daysLeft: ready.daysLeft,
    // One definition of the review-only days: exam mode's (the queue gives no new cards then).
    reviewOnly: examStatus(grill, now)?.reviewOnly ?? false,
    unseen: ready.decks.reduce((n, d) => n + d.unseen, 0),
    recall: cards === 0 ? 0 : recall / cards,
    decks: Object.fromEntries(ready.decks.map((d) => [d.deck, d.recallIfStopped])),
    minutesToday: Math.ceil((answersToday * secondsPerAnswer(grill).seconds) / 60),
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
