import { fromDayTime } from './day.js';
import { compareEvents, type Rating, type ReplayEvent } from './events.js';
import { dayNumber, examDueDay, examWindow, spreadOf } from './exam-mode.js';
import { schedulerFor } from './fsrs.js';
import { DAY_MS, dayTime, outcome, outcomes } from './outcomes.js';
import type { Settings } from './settings.js';
import { SettingsLayers, type SettingsTimeline } from './timeline.js';

/** FSRS learning states, as stored. */
export const CardPhase = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardPhase = (typeof CardPhase)[keyof typeof CardPhase];

/** A card's derived state: a pure fold of its events. Times in ms. */
export interface CardState {
  cardKey: string;
  phase: CardPhase;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  firstReview: number | null;
  suspended: boolean;
  buriedUntil: number | null;
  leech: boolean;
  /** The last event folded in, for ordering checks. */
  lastEventId: string | null;
  lastEventAt: number | null;
}

/** One answer as the fold saw it: what stats and daily limits are computed from. */
export interface ReviewFact {
  eventId: string;
  cardKey: string;
  at: number;
  rating: Rating;
  durationMs: number;
  /** The card's phase just before this answer. */
  phaseBefore: CardPhase;
  /** Interval given, in days (fractional for learning steps). */
  intervalDays: number;
  /** Open cards: the 0-based rubric points ticked as covered (null when not recorded). */
  covered: number[] | null;
  /** Given in a mock interview: when it started (ms; null otherwise). */
  mock: number | null;
}

export function emptyState(cardKey: string): CardState {
  return {
    cardKey,
    phase: CardPhase.New,
    due: 0,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
    firstReview: null,
    suspended: false,
    buriedUntil: null,
    leech: false,
    lastEventId: null,
    lastEventAt: null,
  };
}

/**
 * Folds one event into a state. Pure: the same state, event and settings always give the same
 * result (the fuzz is seeded from the card key and its number of answers: see fsrs.ts).
 * Undo events are not folded: the caller drops cancelled events before folding.
 */
export function applyEvent(
  state: CardState,
  event: ReplayEvent,
  settings: Settings,
): { state: CardState; fact: ReviewFact | null } {
  switch (event.type) {
    case 'review': {
      const { rating, durationMs } = event.payload;
      const card = outcome(state, event.at, settings, rating);
      const due = card.due.getTime();
      // Built field by field, in CardState's order (doctor compares states as JSON text).
      const next: CardState = {
        cardKey: state.cardKey,
        phase: card.state as unknown as CardPhase,
        due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsed_days,
        scheduledDays: card.scheduled_days,
        learningSteps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        lastReview: event.at,
        firstReview: state.firstReview ?? event.at,
        suspended: state.suspended,
        buriedUntil: null,
        leech: card.lapses >= settings.leechThreshold,
        lastEventId: event.id,
        lastEventAt: event.at,
      };
      const fact: ReviewFact = {
        eventId: event.id,
        cardKey: event.cardKey,
        at: event.at,
        rating,
        durationMs,
        phaseBefore: state.phase,
        intervalDays: (due - event.at) / 86_400_000,
        covered: event.payload.detail?.covered ?? null,
        mock: event.payload.detail?.mock ?? null,
      };
      return { state: next, fact };
    }
    case 'suspend':
      return { state: { ...state, suspended: true, ...lastEvent(event) }, fact: null };
    case 'unsuspend':
      return { state: { ...state, suspended: false, ...lastEvent(event) }, fact: null };
    case 'bury':
      return { state: { ...state, buriedUntil: event.payload.until, ...lastEvent(event) }, fact: null };
    case 'reschedule':
      return { state: reschedule({ ...state, ...lastEvent(event) }, settings), fact: null };
    case 'undo':
    case 'setting':
      return { state, fact: null };
  }
}

/** The fields that record the last event folded in. */
function lastEvent(event: ReplayEvent): Pick<CardState, 'lastEventId' | 'lastEventAt'> {
  return { lastEventId: event.id, lastEventAt: event.at };
}

/**
 * A card in review re-derived under `settings`: its interval recomputed from its stability (a new
 * desired retention or maximum interval, say) and counted from its last review, as Anki's
 * "reschedule cards on change" does. Memory state, learning cards and new cards are unchanged.
 */
function reschedule(state: CardState, settings: Settings): CardState {
  if (state.phase !== CardPhase.Review || state.lastReview === null) return state;
  const scheduler = schedulerFor(settings);
  // The fuzz of next_interval uses the scheduler's current seed: set it from the card, as an
  // answer's is (fsrs.ts), or it would be whatever the last computation left behind.
  scheduler.seed = `${state.cardKey}#${state.reps}#reschedule`;
  let days: number = scheduler.next_interval(state.stability, state.elapsedDays);
  const last = dayTime(state.lastReview, settings);
  // In exam mode, not past the interview day (as an answer on the day of the reschedule would be).
  const today = dayNumber(dayTime(state.lastEventAt ?? state.lastReview, settings));
  const window = examWindow(settings, today);
  if (window) {
    const natural = dayNumber(last) + days;
    days += examDueDay(natural, today, window, spreadOf(state.cardKey, state.reps), 0) - natural;
  }
  const due = fromDayTime(
    last + days * DAY_MS,
    settings.rolloverHour,
    settings.timeZone,
    { real: state.lastReview, dayTime: last },
    true,
  );
  return { ...state, scheduledDays: days, due };
}

/** Ids cancelled by undo events. */
export function cancelledIds(events: readonly ReplayEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.type === 'undo') ids.add(e.payload.target);
  return ids;
}

/**
 * A card's state from scratch: its non-cancelled events in replay order, folded from empty, each
 * with the settings in force when it happened (see SettingsTimeline), and the reschedules of
 * its deck folded in where they stand.
 */
export function foldEvents(
  cardKey: string,
  events: readonly ReplayEvent[],
  timeline: SettingsTimeline,
  /** Called with the state after each event folded in (a card's history, for readiness over time). */
  observe?: (state: CardState, settings: Settings) => void,
): { state: CardState; facts: ReviewFact[] } {
  const cancelled = cancelledIds(events);
  const deckId = cardKey.slice(0, cardKey.indexOf('/'));
  const layers = new SettingsLayers(deckId);
  let state = emptyState(cardKey);
  const facts: ReviewFact[] = [];
  const merged: ReplayEvent[] = [
    ...events.filter((e) => e.type !== 'undo' && e.type !== 'setting' && !cancelled.has(e.id)),
    ...timeline.forDeck(deckId),
  ].sort(compareEvents);
  for (const event of merged) {
    if (event.type === 'setting') {
      layers.apply(event);
      continue;
    }
    // A reschedule before the card's first answer has nothing to re-derive.
    if (event.type === 'reschedule' && state.lastEventId === null) continue;
    const result = applyEvent(state, event, layers.settings());
    state = result.state;
    if (result.fact) facts.push(result.fact);
    observe?.(state, layers.settings());
  }
  return { state, facts };
}

/** The due time each rating would give, for showing "1 Again 10m · 3 Good 4d". */
export function previewRatings(state: CardState, now: number, settings: Settings): Record<Rating, number> {
  const [again, hard, good, easy] = outcomes(state, now, settings, 4).map((c) => c.due.getTime()) as [
    number,
    number,
    number,
    number,
  ];
  return { 1: again, 2: hard, 3: good, 4: easy };
}

/**
 * The probability (0–1) of recalling the card at `now`: FSRS's forgetting curve over the whole
 * grill days since its last review (what ts-fsrs's get_retrievability computes, on day-times).
 */
export function retrievability(state: CardState, now: number, settings: Settings): number {
  if (state.phase === CardPhase.New || state.lastReview === null) return 0;
  const days = Math.max(
    // Calendar grill days, as ts-fsrs counts elapsed days (between dates, not 24-hour spans).
    Math.floor(dayTime(now, settings) / DAY_MS) - Math.floor(dayTime(state.lastReview, settings) / DAY_MS),
    0,
  );
  return schedulerFor(settings).forgetting_curve(days, +state.stability.toFixed(8));
}
