// `grill simulate` (issue 15): "what if I lower retention to 0.85?" The user's collection run
// forward with the real scheduler at each desired retention — current memory states, recalls
// drawn with FSRS's predicted probability, recalled cards rated as this user rates them, answers
// timed as this user answers — and the workload against what is remembered at the end. Anki's
// workload-versus-retention view, on grill's own scheduler (schedule-forecast.ts).
import { InvalidInputError } from '../errors.js';
import { addDays, dayStart } from '../scheduler/day.js';
import { ownRecallRatings, secondsPerAnswer } from './answer-time.js';
import type { Grill } from './grill.js';
import { introductionOrder } from './plan.js';
import { cardReadiness } from './readiness.js';
import { forecastSchedule } from './schedule-forecast.js';

export interface SimulateOptions {
  /** Days to simulate from today (default 30, at most 3650). */
  days?: number;
  /** Desired retentions to compare (each 0.7–0.99; default 0.8, 0.85, 0.9, 0.95). */
  retentions?: number[];
  /** New cards a day (default: the new-per-day setting). */
  newPerDay?: number;
  /** Another seed gives another equally likely run; the same seed, the same result (default 0). */
  seed?: number;
}

export interface SimulationResult {
  retention: number;
  /** Mean answers a day on cards in review (learning steps and new cards aside), and the minutes all answers take. */
  reviewsPerDay: number;
  minutesPerDay: number;
  /** Cards expected to be recalled at the end: the sum of their predicted recall then. */
  remembered: number;
  /** Answers on each simulated day. */
  perDay: number[];
  /** Reviews due but still waiting at the end because of the reviews-per-day limit (0 when it never binds). */
  backlog: number;
}

const DEFAULT_RETENTIONS = [0.8, 0.85, 0.9, 0.95];

/** Runs the simulation (see the file's header). Throws InvalidInputError for options out of range. */
export function simulate(
  grill: Grill,
  now: number,
  options: SimulateOptions = {},
): { days: number; seed: number; results: SimulationResult[] } {
  const days = options.days ?? 30;
  if (!(Number.isInteger(days) && days >= 1 && days <= 3650))
    throw new InvalidInputError('bad-days', `bad --days "${options.days}": whole days from 1 to 3650`);
  const retentions = options.retentions ?? DEFAULT_RETENTIONS;
  const bad = retentions.find((r) => !(Number.isFinite(r) && r >= 0.7 && r <= 0.99));
  if (bad !== undefined || retentions.length === 0)
    throw new InvalidInputError(
      'bad-retention',
      `bad --retention "${bad ?? ''}": desired retentions from 0.7 to 0.99, e.g. 0.85,0.9`,
    );
  const newPerDay = options.newPerDay;
  if (newPerDay !== undefined && !(Number.isInteger(newPerDay) && newPerDay >= 0))
    throw new InvalidInputError(
      'bad-new-per-day',
      `bad --new-per-day "${newPerDay}": a whole number, 0 or more`,
    );
  const seed = options.seed ?? 0;
  const global = grill.settings();
  const todayStart = dayStart(now, global.rolloverHour, global.timeZone);
  const end = addDays(todayStart, days, global.rolloverHour, global.timeZone);
  const cards = introductionOrder(cardReadiness(grill, end, false));
  const deckSettings = new Map(grill.decks().map((d) => [d.id, grill.settings(d.id)]));
  const today = grill.store.queue.today(todayStart);
  const recallRatings = ownRecallRatings(grill);
  const { seconds } = secondsPerAnswer(grill);
  const results = retentions.map((retention): SimulationResult => {
    // What-if settings: this retention (and new-card count), no interview date.
    const what = <T extends typeof global>(s: T): T => ({
      ...s,
      retention,
      interviewDate: null,
      ...(newPerDay !== undefined ? { newPerDay } : {}),
    });
    const run = forecastSchedule({
      cards: cards.map((c) => ({
        key: c.key,
        settings: what(deckSettings.get(c.deck) ?? global),
        state: c.state,
      })),
      settings: what(global),
      now,
      todayStart,
      morning: end,
      newToday: today.reduce((n, t) => n + t.newCards, 0),
      reviewsToday: today.reduce((n, t) => n + t.reviews, 0),
      secondsPerAnswer: seconds,
      minutesPerDay: null,
      seed,
      ...(recallRatings ? { recallRatings } : {}),
    });
    const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
    const reviews = run.reviewsDue.map((n, i) => n - (run.reviewsHeldBack[i] ?? 0));
    let remembered = 0;
    for (const v of run.recall.values()) remembered += v;
    return {
      retention,
      reviewsPerDay: round1(mean(reviews)),
      minutesPerDay: round1((mean(run.answersPerDay) * seconds) / 60),
      remembered: Math.round(remembered),
      perDay: run.answersPerDay,
      backlog: run.reviewsHeldBack.at(-1) ?? 0,
    };
  });
  return { days, seed, results };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
