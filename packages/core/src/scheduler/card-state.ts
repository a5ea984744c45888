import { createEmptyCard, type Card as FsrsCard, type State } from 'ts-fsrs';
import { fromDayTime, toDayTime } from './day.js';
import { compareEvents, type GrillEvent, type Rating } from './events.js';
import { CARD_KEY_FIELD, schedulerFor } from './fsrs.js';
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
 * The card as ts-fsrs takes it: its times as grill day-times (see outcomes), carrying the card
 * key for the fuzz seed (see fsrs.ts).
 */
export function toFsrsCard(state: CardState, settings: Settings): FsrsCard {
  if (state.reps === 0 && state.phase === CardPhase.New)
    return { ...createEmptyCard(0), [CARD_KEY_FIELD]: state.cardKey } as FsrsCard;
  const card: FsrsCard = {
    due: new Date(dayTime(state.due, settings)),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.phase as unknown as State,
    ...(state.lastReview === null ? {} : { last_review: new Date(dayTime(state.lastReview, settings)) }),
  };
  return { ...card, [CARD_KEY_FIELD]: state.cardKey } as FsrsCard;
}

/**
 * Folds one event into a state. Pure: the same state, event and settings always give the same
 * result (the fuzz is seeded from the card key and its number of answers: see fsrs.ts).
 * Undo events are not folded: the caller drops cancelled events before folding.
 */
export function applyEvent(
  state: CardState,
  event: GrillEvent,
  settings: Settings,
): { state: CardState; fact: ReviewFact | null } {
  const base = { ...state, lastEventId: event.id, lastEventAt: event.at };
  switch (event.type) {
    case 'review': {
      const card = outcome(state, event.at, settings, event.payload.rating);
      const next: CardState = {
        ...base,
        phase: card.state as unknown as CardPhase,
        due: card.due.getTime(),
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsed_days,
        scheduledDays: card.scheduled_days,
        learningSteps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        lastReview: event.at,
        firstReview: state.firstReview ?? event.at,
        buriedUntil: null,
        leech: card.lapses >= settings.leechThreshold,
      };
      const fact: ReviewFact = {
        eventId: event.id,
        cardKey: event.cardKey,
        at: event.at,
        rating: event.payload.rating,
        durationMs: event.payload.durationMs,
        phaseBefore: state.phase,
        intervalDays: (next.due - event.at) / 86_400_000,
      };
      return { state: next, fact };
    }
    case 'suspend':
      return { state: { ...base, suspended: true }, fact: null };
    case 'unsuspend':
      return { state: { ...base, suspended: false }, fact: null };
    case 'bury':
      return { state: { ...base, buriedUntil: event.payload.until }, fact: null };
    case 'reschedule':
      return { state: reschedule(state, settings), fact: null };
    case 'undo':
    case 'setting':
      return { state, fact: null };
  }
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
  const days = scheduler.next_interval(state.stability, state.elapsedDays);
  const last = dayTime(state.lastReview, settings);
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
export function cancelledIds(events: readonly GrillEvent[]): Set<string> {
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
  events: readonly GrillEvent[],
  timeline: SettingsTimeline,
): { state: CardState; facts: ReviewFact[] } {
  const cancelled = cancelledIds(events);
  const deckId = cardKey.slice(0, cardKey.indexOf('/'));
  const layers = new SettingsLayers(deckId);
  let state = emptyState(cardKey);
  const facts: ReviewFact[] = [];
  const merged = [
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
  }
  return { state, facts };
}

const DAY_MS = 86_400_000;

/** `ms` as ts-fsrs must see it to count grill's days (see toDayTime). */
function dayTime(ms: number, settings: Settings): number {
  return toDayTime(ms, settings.rolloverHour, settings.timeZone);
}

/**
 * What answering Again … `upTo` at `at` would make of the card, index 0 = Again, with `due` a
 * real time. ts-fsrs is given grill's day-times (toDayTime), so the elapsed days it counts are
 * grill's days: local dates in the collection's time zone, rollover-aware, as Anki counts them.
 * Its results are kept strictly ordered as Anki keeps them: ts-fsrs orders the day intervals of
 * a card in review (Hard < Good < Easy), but not of a new, learning or relearning card, where two
 * ratings can both graduate to the same day count (`Good 1d · Easy 1d`); there a rating whose
 * interval in days is not longer than the rating below it gets one day more (memory state
 * unchanged; the maximum interval still caps it). An interval in days lands on the grill day that
 * many calendar days on (DST-safe, fromDayTime). The answer and the preview both come from here,
 * so they agree.
 */
export function outcomes(state: CardState, at: number, settings: Settings, upTo: Rating = 4): FsrsCard[] {
  const scheduler = schedulerFor(settings);
  const atDay = dayTime(at, settings);
  const card = toFsrsCard(state, settings);
  const results: FsrsCard[] = [];
  for (let r = 1; r <= upTo; r++) {
    let next = capped(scheduler.next(card, atDay, r as Rating).card, atDay, settings);
    const below = results[r - 2];
    // Not later than the rating below, where one of the two is counted in days: a day more.
    if (
      below &&
      next.due.getTime() <= below.due.getTime() &&
      (next.scheduled_days >= 1 || below.scheduled_days >= 1)
    ) {
      const belowDays = Math.max(below.scheduled_days, Math.ceil((below.due.getTime() - atDay) / DAY_MS));
      const days = Math.min(belowDays + 1, settings.maxInterval);
      if (days > belowDays) next = { ...next, scheduled_days: days, due: new Date(atDay + days * DAY_MS) };
    }
    results.push(next);
  }
  return results.map((c) => toReal(c, at, atDay, settings));
}

/** A result with an interval in days no longer than the maximum interval (ts-fsrs's own ordering can pass it). */
function capped(card: FsrsCard, atDay: number, settings: Settings): FsrsCard {
  if (card.scheduled_days <= settings.maxInterval) return card;
  return {
    ...card,
    scheduled_days: settings.maxInterval,
    due: new Date(atDay + settings.maxInterval * DAY_MS),
  };
}

/** True when Again on a card in review gives a relearning step shorter than a day (so it precedes Hard). */
function againIsShort(settings: Settings): boolean {
  const first = settings.relearningSteps[0];
  if (!first) return false;
  const n = Number.parseInt(first, 10);
  return first.endsWith('m') ? n < 1440 : first.endsWith('h') ? n < 24 : false;
}

/** A ts-fsrs result with its due time back in real time. */
function toReal(card: FsrsCard, at: number, atDay: number, settings: Settings): FsrsCard {
  const due = fromDayTime(
    card.due.getTime(),
    settings.rolloverHour,
    settings.timeZone,
    { real: at, dayTime: atDay },
    card.scheduled_days >= 1,
  );
  return { ...card, due: new Date(due) };
}

/** What answering `rating` at `at` makes of the card (see outcomes; a card in review needs only its own). */
function outcome(state: CardState, at: number, settings: Settings, rating: Rating): FsrsCard {
  // A card in review: ts-fsrs orders Hard < Good < Easy itself, and Again (a short relearning
  // step) comes first, so only the rating answered is needed — the replay's common case.
  if (state.phase === CardPhase.Review && (rating === 1 || againIsShort(settings))) {
    const atDay = dayTime(at, settings);
    const next = capped(
      schedulerFor(settings).next(toFsrsCard(state, settings), atDay, rating).card,
      atDay,
      settings,
    );
    return toReal(next, at, atDay, settings);
  }
  return outcomes(state, at, settings, rating)[rating - 1] as FsrsCard;
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
    Math.floor((dayTime(now, settings) - dayTime(state.lastReview, settings)) / DAY_MS),
    0,
  );
  return schedulerFor(settings).forgetting_curve(days, +state.stability.toFixed(8));
}
