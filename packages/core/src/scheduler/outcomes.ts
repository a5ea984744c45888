import { createEmptyCard, type Card as FsrsCard, type State } from 'ts-fsrs';
import { CardPhase, type CardState } from './card-state.js';
import { fromDayTime, toDayTime } from './day.js';
import type { Rating } from './events.js';
import { dayNumber, examDueDay, examWindow, spreadOf } from './exam-mode.js';
import { CARD_KEY_FIELD, schedulerFor } from './fsrs.js';
import type { Settings } from './settings.js';

// The bridge to ts-fsrs: a card state as ts-fsrs takes it, and what each rating makes of it.

export const DAY_MS = 86_400_000;

/** `ms` as ts-fsrs must see it to count grill's days (see toDayTime). */
export function dayTime(ms: number, settings: Settings): number {
  return toDayTime(ms, settings.rolloverHour, settings.timeZone);
}

/**
 * The card as ts-fsrs takes it: its times as grill day-times (see outcomes), carrying the card
 * key for the fuzz seed (see fsrs.ts).
 */
export function toFsrsCard(state: CardState, settings: Settings): FsrsCard {
  if (state.reps === 0 && state.phase === CardPhase.New)
    return { ...createEmptyCard(0), [CARD_KEY_FIELD]: state.cardKey } as FsrsCard;
  return {
    due: new Date(dayTime(state.due, settings)),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.phase as unknown as State,
    last_review: state.lastReview === null ? undefined : new Date(dayTime(state.lastReview, settings)),
    [CARD_KEY_FIELD]: state.cardKey,
  } as FsrsCard;
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
  // One ts-fsrs scheduling of the card for all the ratings (what next() would give for each).
  const all = upTo === 1 ? null : scheduler.repeat(card, atDay);
  const results: FsrsCard[] = [];
  for (let r = 1; r <= upTo; r++) {
    const raw = all ? all[r as Rating].card : scheduler.next(card, atDay, r as Rating).card;
    let next = capped(raw, atDay, settings);
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
  return forExam(results, state, atDay, settings).map((c) => toReal(c, at, atDay, settings));
}

/**
 * The results with exam mode's limit applied (see exam-mode.ts): with an interview date ahead,
 * no interval in days ends after it. Ratings stay ordered (each not earlier than the one below).
 */
function forExam(results: FsrsCard[], state: CardState, atDay: number, settings: Settings): FsrsCard[] {
  const today = dayNumber(atDay);
  const window = examWindow(settings, today);
  if (!window) return results;
  const spread = spreadOf(state.cardKey, state.reps);
  let floor = today;
  return results.map((card) => {
    const natural = dayNumber(card.due.getTime());
    if (card.scheduled_days < 1) {
      floor = natural;
      return card;
    }
    const day = examDueDay(natural, today, window, spread, floor);
    floor = day;
    if (day === natural) return card;
    return {
      ...card,
      scheduled_days: day - today,
      due: new Date(card.due.getTime() + (day - natural) * DAY_MS),
    };
  });
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

const shortAgain = new WeakMap<Settings, boolean>();

/** True when Again on a card in review gives a relearning step shorter than a day (so it precedes Hard). */
function againIsShort(settings: Settings): boolean {
  let short = shortAgain.get(settings);
  if (short === undefined) {
    const first = settings.relearningSteps[0];
    const n = first ? Number.parseInt(first, 10) : 0;
    short = !first ? false : first.endsWith('m') ? n < 1440 : first.endsWith('h') ? n < 24 : false;
    shortAgain.set(settings, short);
  }
  return short;
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
export function outcome(state: CardState, at: number, settings: Settings, rating: Rating): FsrsCard {
  // A card in review: ts-fsrs orders Hard < Good < Easy itself, and Again (a short relearning
  // step) comes first, so only the rating answered is needed — the replay's common case. (Not in
  // exam mode, where a rating's interval depends on the one below: see forExam.)
  if (
    state.phase === CardPhase.Review &&
    (rating === 1 || againIsShort(settings)) &&
    settings.interviewDate === null
  ) {
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
