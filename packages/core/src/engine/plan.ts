// `grill plan` (issue 14): will I be ready on the day, and what do I do today? Readiness per deck
// and tag "if you stopped today" and "if you follow the schedule", the pace of new cards, the
// minutes a day it takes, and a verdict.
import { isCalendarDate } from '@grill/protocol/setting-keys';
import { InvalidInputError } from '../errors.js';
import type { CardState } from '../scheduler/card-state.js';
import { dayStart, toDayTime } from '../scheduler/day.js';
import { dateDayNumber, dayNumber, newCardLimit } from '../scheduler/exam-mode.js';
import type { Settings } from '../scheduler/settings.js';
import { ownRecallRatings, secondsPerAnswer } from './answer-time.js';
import type { Grill } from './grill.js';
import { judge } from './plan-verdict.js';
import {
  type CardReadiness,
  cardReadiness,
  interviewDay,
  type ReadinessGroup,
  summarize,
} from './readiness.js';
import { type ForecastCard, forecastSchedule } from './schedule-forecast.js';

/** A group's readiness (see ReadinessGroup) and its forecast on schedule. */
export type PlanGroup = Omit<ReadinessGroup, 'name'> & {
  /** Mean predicted recall (0–1) that morning if every card due is answered until then (simulated). */
  recallOnSchedule: number;
};

export interface Plan {
  /** The interview day (YYYY-MM-DD) and the grill days until it (0: today). */
  date: string;
  daysLeft: number;
  /** The last days kept for review only (no new cards), and whether today is one of them. */
  reviewOnlyDays: number;
  reviewOnlyToday: boolean;
  /** New cards today's queue offers in exam mode (new-per-day raised to the pace, capped by max-new-per-day). */
  newPerDay: number;
  /** New cards a day it takes to see every card before the review-only days (no cap). */
  newPerDayNeeded: number;
  /** Expected study minutes a day following the schedule (mean over the days left; `peakMinutes` the most). */
  minutesPerDay: number;
  peakMinutes: number;
  /** The most cards in review due on one day, and reviews the reviews-per-day limit holds back in all. */
  peakReviews: number;
  reviewsHeldBack: number;
  /** Cards whose next review is after the interview day (scheduled before exam mode: `grill reschedule` pulls them in). */
  dueAfterDate: number;
  /** Seconds per answer the minutes are counted with, and whether it is the user's own (measured) time. */
  secondsPerAnswer: number;
  measured: boolean;
  /** The desired retention: what "ready" means. */
  target: number;
  /** Study time a day the verdict assumed (minutes; `--minutes`, else none). */
  budgetMinutes: number | null;
  /** Predicted recall of all cards with that budget (null without one). */
  recallOnBudget: number | null;
  /** Minutes a day that reach the target, when the budget does not (null when it does, or nothing does). */
  minutesNeeded: number | null;
  /** All cards together, then per deck and per tag (weakest tags first: lowest recall if stopped). */
  total: PlanGroup;
  decks: (PlanGroup & { deck: string })[];
  tags: (PlanGroup & { tag: string })[];
  /** One line: on track, or what it takes; then what stands in the way, one line each. */
  verdict: string;
  notes: string[];
}

export interface PlanOptions {
  /** The interview day (YYYY-MM-DD), a what-if for every deck; default the interview-date setting (the deck's, with `deck`). */
  date?: string;
  /** Only this deck's cards, with its settings. */
  deck?: string;
  /** Study minutes a day to check the plan against. */
  minutes?: number;
}

/** The farthest interview date planned for, in days: beyond it the day-by-day forecast means nothing. */
export const MAX_PLAN_DAYS = 730;

/**
 * The plan toward the interview at `now` (ms). Recall figures are FSRS retrievability on the
 * morning of the day (see readiness.ts); the schedule forecast is schedule-forecast.ts; the verdict
 * plan-verdict.ts. Throws InvalidInputError `no-interview-date` when no date is set or given,
 * `past-date` when it is over, `far-date` beyond MAX_PLAN_DAYS, `bad-date`, `bad-minutes`.
 */
export function plan(grill: Grill, now: number, options: PlanOptions = {}): Plan {
  if (options.deck !== undefined) grill.requireDeck(options.deck);
  if (options.date !== undefined && !isCalendarDate(options.date))
    throw new InvalidInputError('bad-date', `bad --date "${options.date}": a date like 2026-12-15`);
  if (options.minutes !== undefined && !(Number.isFinite(options.minutes) && options.minutes > 0))
    throw new InvalidInputError('bad-minutes', `bad --minutes "${options.minutes}": minutes a day, e.g. 30`);
  const global = grill.settings(options.deck);
  const date = options.date ?? global.interviewDate ?? noDate(grill);
  // Only the day: the cards' readiness is read once, with their tags, below.
  const { daysLeft, morning } = interviewDay(grill, date, now);
  if (daysLeft > MAX_PLAN_DAYS)
    throw new InvalidInputError(
      'far-date',
      `the interview date ${date} is ${daysLeft} days away: grill plan looks at most ${MAX_PLAN_DAYS} days ahead`,
    );
  // A --date is a what-if for every deck; otherwise each deck keeps its own date (or the global one).
  const dated = (s: Settings): Settings => (options.date ? { ...s, interviewDate: date } : s);
  const settings = { ...global, interviewDate: date };
  const cards = cardReadiness(grill, morning).filter((c) => !options.deck || c.deck === options.deck);
  const deckSettings = new Map(grill.decks().map((d) => [d.id, dated(grill.settings(d.id))]));
  const todayStart = dayStart(now, global.rolloverHour, global.timeZone);
  const today = grill.store.queue.today(todayStart).filter((t) => !options.deck || t.deckId === options.deck);
  const newToday = today.reduce((n, t) => n + t.newCards, 0);
  // Unseen cards in the order the queue introduces them: round-robin across decks, file order.
  const forecastCards: ForecastCard[] = introductionOrder(cards).map((c) => ({
    key: c.key,
    settings: deckSettings.get(c.deck) ?? settings,
    state: c.state,
  }));
  const { seconds, measured } = secondsPerAnswer(grill);
  // The same simulation as grill simulate: recalled cards rated as this user rates them.
  const recallRatings = ownRecallRatings(grill);
  const run = (minutesPerDay: number | null) =>
    forecastSchedule({
      cards: forecastCards,
      settings,
      now,
      todayStart,
      morning,
      newToday,
      reviewsToday: today.reduce((n, t) => n + t.reviews, 0),
      secondsPerAnswer: seconds,
      minutesPerDay,
      ...(recallRatings ? { recallRatings } : {}),
    });
  const full = run(null);
  const meanOf = (recall: Map<string, number>) =>
    cards.length === 0 ? 0 : cards.reduce((sum, c) => sum + (recall.get(c.key) ?? 0), 0) / cards.length;
  const minutes = full.answersPerDay.map((n) => (n * seconds) / 60);
  const peakMinutes = minutes.reduce((a, b) => Math.max(a, b), 0);
  const onSchedule = meanOf(full.recall);
  const budget = options.minutes ?? null;
  const recallOnBudget = budget === null ? null : meanOf(run(budget).recall);
  const target = global.retention;
  let minutesNeeded: number | null = null;
  if (recallOnBudget !== null && budget !== null && recallOnBudget < target && onSchedule >= target)
    minutesNeeded = leastMinutes(budget, Math.ceil(peakMinutes), (m) => meanOf(run(m).recall) >= target);
  const groups = (groupsOf: (c: CardReadiness) => readonly string[]) =>
    summarize(cards, groupsOf).map(({ keys, name, ...g }) => ({
      name,
      group: { ...g, recallOnSchedule: meanRecall(keys, full.recall) },
    }));
  const [all] = groups(() => ['all']);
  const unseen = cards.filter((c) => c.recallIfStopped === null && !c.state?.suspended).length;
  const todayNumber = dayNumber(toDayTime(now, global.rolloverHour, global.timeZone));
  const daysForNew = dateDayNumber(date) - global.reviewOnlyDays - todayNumber;
  const result: Plan = {
    date,
    daysLeft,
    reviewOnlyDays: global.reviewOnlyDays,
    reviewOnlyToday: daysLeft > 0 && daysForNew <= 0,
    newPerDay: Math.max(0, newCardLimit(settings, todayNumber, unseen + newToday) - newToday),
    newPerDayNeeded: daysForNew <= 0 ? unseen : Math.ceil(unseen / daysForNew),
    minutesPerDay: round1(minutes.length === 0 ? 0 : minutes.reduce((a, b) => a + b, 0) / minutes.length),
    peakMinutes: round1(peakMinutes),
    peakReviews: full.reviewsDue.reduce((a, b) => Math.max(a, b), 0),
    reviewsHeldBack: full.reviewsHeldBack.reduce((a, b) => a + b, 0),
    dueAfterDate: cards.filter(
      (c) => c.state && !c.state.suspended && c.state.lastReview !== null && c.state.due >= morning + DAY_MS,
    ).length,
    secondsPerAnswer: round1(seconds),
    measured,
    target,
    budgetMinutes: budget,
    recallOnBudget,
    minutesNeeded,
    total: all?.group ?? { cards: 0, unseen: 0, recallIfStopped: 0, atRisk: 0, recallOnSchedule: 0 },
    decks: groups((c) => [c.deck]).map(({ name, group }) => ({ deck: name, ...group })),
    tags: groups((c) => c.tags)
      .map(({ name, group }) => ({ tag: name, ...group }))
      .sort(
        (a, b) =>
          a.recallIfStopped - b.recallIfStopped ||
          a.recallOnSchedule - b.recallOnSchedule ||
          (a.tag < b.tag ? -1 : 1),
      ),
    verdict: '',
    notes: [],
  };
  Object.assign(result, judge(result, global));
  return result;
}

/** No date set or given: say how to set one, and name the decks that have their own. */
function noDate(grill: Grill): never {
  const own = grill
    .decks()
    .map((d) => ({ id: d.id, date: grill.settings(d.id).interviewDate }))
    .filter((d): d is { id: string; date: string } => d.date !== null);
  const decks =
    own.length === 0
      ? ''
      : `; decks with their own: ${own.map((d) => `${d.id} (${d.date}): grill plan --deck ${d.id}`).join(', ')}`;
  throw new InvalidInputError(
    'no-interview-date',
    `no interview date: set one with grill config set interview-date YYYY-MM-DD, or pass --date${decks}`,
  );
}

const DAY_MS = 86_400_000;

function meanRecall(keys: readonly string[], recall: Map<string, number>): number {
  return keys.length === 0 ? 0 : keys.reduce((sum, k) => sum + (recall.get(k) ?? 0), 0) / keys.length;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The least whole minutes in (low, high] for which `enough` holds (bisection; it grows with minutes). */
function leastMinutes(low: number, high: number, enough: (m: number) => boolean): number | null {
  let lo = low;
  let hi = Math.max(high, low + 1);
  if (!enough(hi)) return null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Cards in the order the queue would take them: answered ones first, then unseen round-robin by deck. */
export function introductionOrder<T extends { deck: string; state: CardState | null }>(
  cards: readonly T[],
): T[] {
  const seen = cards.filter((c) => c.state !== null);
  const byDeck = new Map<string, T[]>();
  for (const c of cards) if (c.state === null) byDeck.set(c.deck, [...(byDeck.get(c.deck) ?? []), c]);
  const unseen: T[] = [];
  const lists = [...byDeck.values()];
  for (let i = 0; unseen.length < cards.length - seen.length; i++) {
    for (const list of lists) if (list[i]) unseen.push(list[i] as T);
  }
  return [...seen, ...unseen];
}
