// `grill plan` (issue 14): will I be ready on the day, and what do I do today? Readiness per deck
// and tag "if you stopped today" and "if you follow the schedule", the pace of new cards, the
// minutes a day it takes, and a verdict.
import { isCalendarDate } from '@grill/protocol/setting-keys';
import { InvalidInputError } from '../errors.js';
import type { CardState } from '../scheduler/card-state.js';
import { dayStart } from '../scheduler/day.js';
import type { Settings } from '../scheduler/settings.js';
import type { Grill } from './grill.js';
import { type CardReadiness, cardReadiness, type ReadinessGroup, readiness, summarize } from './readiness.js';
import { type ForecastCard, forecastSchedule } from './schedule-forecast.js';

/** Seconds an answer is taken to last until the user has answered enough cards to measure it. */
export const DEFAULT_SECONDS_PER_ANSWER = 20;
/** Answers measured before the user's own time replaces the default. */
const MEASURED_AFTER = 20;

/** A group's readiness (see ReadinessGroup) and its forecast on schedule. */
export type PlanGroup = Omit<ReadinessGroup, 'name'> & {
  /** Mean predicted recall (0–1) that morning if every card due is answered until then (simulated). */
  recallOnSchedule: number;
};

export interface Plan {
  /** The interview day (YYYY-MM-DD) and the grill days until it (0: today). */
  date: string;
  daysLeft: number;
  /** The last days kept for review only (no new cards); `reviewFrom` is the first of them. */
  reviewOnlyDays: number;
  /** New cards a day needed to see every card before the review-only days. */
  newPerDay: number;
  /** Expected study minutes a day following the schedule (mean over the days left; `peakMinutes` the most). */
  minutesPerDay: number;
  peakMinutes: number;
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
  verdict: string;
}

export interface PlanOptions {
  /** The interview day (YYYY-MM-DD); default the interview-date setting (the deck's, with `deck`). */
  date?: string;
  /** Only this deck's cards, with its settings. */
  deck?: string;
  /** Study minutes a day to check the plan against. */
  minutes?: number;
}

/**
 * The plan toward the interview at `now` (ms). Recall figures are FSRS retrievability on the
 * morning of the day (see readiness.ts); the schedule forecast is schedule-forecast.ts. Throws
 * InvalidInputError `no-interview-date` when no date is set or given, `past-date` when it is over.
 */
export function plan(grill: Grill, now: number, options: PlanOptions = {}): Plan {
  if (options.deck !== undefined) grill.requireDeck(options.deck);
  if (options.date !== undefined && !isCalendarDate(options.date))
    throw new InvalidInputError('bad-date', `bad --date "${options.date}": a date like 2026-12-15`);
  if (options.minutes !== undefined && !(Number.isFinite(options.minutes) && options.minutes > 0))
    throw new InvalidInputError('bad-minutes', `bad --minutes "${options.minutes}": minutes a day, e.g. 30`);
  const global = grill.settings(options.deck);
  const date = options.date ?? global.interviewDate;
  if (date === null)
    throw new InvalidInputError(
      'no-interview-date',
      'no interview date: set one with grill config set interview-date YYYY-MM-DD, or pass --date',
    );
  const ready = readiness(grill, date, now);
  const { daysLeft, morning } = ready;
  const withDate = (s: Settings): Settings => ({ ...s, interviewDate: date });
  const cards = cardReadiness(grill, morning).filter((c) => !options.deck || c.deck === options.deck);
  // Unseen cards in the order the queue introduces them: round-robin across decks, file order.
  const order = introductionOrder(cards);
  const settings = withDate(global);
  const todayStart = dayStart(now, global.rolloverHour, global.timeZone);
  const newToday = grill.store.queue
    .today(todayStart)
    .filter((t) => !options.deck || t.deckId === options.deck)
    .reduce((n, t) => n + t.newCards, 0);
  const deckSettings = new Map(grill.decks().map((d) => [d.id, withDate(grill.settings(d.id))]));
  const forecastCards: ForecastCard[] = order.map((c) => ({
    key: c.key,
    settings: deckSettings.get(c.deck) ?? settings,
    state: c.state,
  }));
  const { seconds, measured } = secondsPerAnswer(grill);
  const run = (minutesPerDay: number | null) =>
    forecastSchedule({
      cards: forecastCards,
      settings,
      now,
      todayStart,
      morning,
      newToday,
      secondsPerAnswer: seconds,
      minutesPerDay,
    });
  const full = run(null);
  const meanOf = (recall: Map<string, number>) =>
    cards.length === 0 ? 0 : cards.reduce((sum, c) => sum + (recall.get(c.key) ?? 0), 0) / cards.length;
  const minutes = full.answersPerDay.map((n) => (n * seconds) / 60);
  const onSchedule = meanOf(full.recall);
  const budget = options.minutes ?? null;
  const recallOnBudget = budget === null ? null : meanOf(run(budget).recall);
  const target = global.retention;
  let minutesNeeded: number | null = null;
  if (recallOnBudget !== null && budget !== null && recallOnBudget < target && onSchedule >= target) {
    minutesNeeded = leastMinutes(
      budget,
      Math.ceil(Math.max(...minutes)),
      (m) => meanOf(run(m).recall) >= target,
    );
  }
  const groups = (groupsOf: (c: CardReadiness) => readonly string[]) =>
    summarize(cards, groupsOf).map(({ keys, name, ...g }) => ({
      name,
      group: { ...g, recallOnSchedule: meanRecall(keys, full.recall) },
    }));
  const [all] = groups(() => ['all']);
  const unseen = cards.filter((c) => c.recallIfStopped === null).length;
  const daysForNew = Math.max(1, daysLeft - global.reviewOnlyDays);
  const result: Plan = {
    date,
    daysLeft,
    reviewOnlyDays: global.reviewOnlyDays,
    newPerDay: Math.ceil(unseen / daysForNew),
    minutesPerDay: round1(minutes.length === 0 ? 0 : minutes.reduce((a, b) => a + b, 0) / minutes.length),
    peakMinutes: round1(Math.max(0, ...minutes)),
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
  };
  result.verdict = verdict(result);
  return result;
}

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
function introductionOrder<T extends { deck: string; state: CardState | null }>(cards: readonly T[]): T[] {
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

/**
 * Seconds one answer takes this user: the median time of their last 200 answers (each capped at
 * 5 minutes), or DEFAULT_SECONDS_PER_ANSWER (`measured` false) until they have answered 20.
 */
export function secondsPerAnswer(grill: Grill): { seconds: number; measured: boolean } {
  const times = grill.store.stats.recentAnswerTimes(200);
  if (times.length < MEASURED_AFTER) return { seconds: DEFAULT_SECONDS_PER_ANSWER, measured: false };
  const sorted = times.map((ms) => Math.min(ms, 300_000)).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2
      ? (sorted[Math.floor(mid)] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { seconds: Math.max(1, median / 1000), measured: true };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One line: on track, or what it takes. */
function verdict(p: Plan): string {
  const reach = p.total.recallOnSchedule;
  if (p.total.cards === 0) return 'No cards yet: import a deck first.';
  if (reach < p.target) {
    return `Following the schedule you reach ${pct(reach)} by ${p.date}, short of the ${pct(p.target)} you aim for: too little time for the cards left. Move the date, or cram the night before (grill drill --cram).`;
  }
  if (p.recallOnBudget !== null && p.budgetMinutes !== null && p.recallOnBudget < p.target) {
    const needed =
      p.minutesNeeded === null ? '' : `; ${p.minutesNeeded} min/day is needed for ${pct(p.target)}`;
    return `At ${p.budgetMinutes} min/day you reach ${pct(p.recallOnBudget)}${needed}.`;
  }
  return `On track: ${p.newPerDay} new cards and about ${Math.ceil(p.minutesPerDay)} min a day reach ${pct(reach)} by ${p.date}.`;
}
