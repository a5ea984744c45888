// How the readiness forecast moved, day by day (issue 14): for each past day, the predicted recall
// on the interview morning had the user stopped at the end of that day — replayed from the review
// log, so it needs no stored snapshots and agrees on every synced machine.

import { InvalidInputError } from '../errors.js';
import { CardPhase, type CardState, foldEvents, retrievability } from '../scheduler/card-state.js';
import { addDays, dayKey, dayStart } from '../scheduler/day.js';
import type { Settings } from '../scheduler/settings.js';
import type { Grill } from './grill.js';
import { interviewDay } from './readiness.js';

const DAY_MS = 86_400_000;

export interface ReadinessDay {
  /** The day (YYYY-MM-DD). */
  date: string;
  /** Mean predicted recall (0–1) of today's active cards on the interview morning, as of that day's end. */
  recall: number;
}

/**
 * Readiness as of the end of each of the last `days` days up to today (oldest first), for the
 * interview starting at `morning` (ms). Unseen cards count 0, as in readiness.ts.
 */
export function readinessHistory(grill: Grill, morning: number, now: number, days = 30): ReadinessDay[] {
  const { rolloverHour, timeZone } = grill.settings();
  const today = dayStart(now, rolloverHour, timeZone);
  const starts = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1, rolloverHour, timeZone));
  const ends = starts.map((s) => addDays(s, 1, rolloverHour, timeZone));
  const sums = new Array<number>(days).fill(0);
  const timeline = grill.timeline();
  let cards = 0;
  for (const deck of grill.decks()) {
    for (const { key, retired } of grill.store.cards.indexOfDeck(deck.id)) {
      if (retired) continue;
      cards++;
      // States after each event, then for each day the last one before the day ended.
      const steps: { at: number; state: CardState; settings: Settings }[] = [];
      foldEvents(key, grill.store.events.replayOf(key), timeline, (state, settings) => {
        steps.push({ at: state.lastEventAt ?? 0, state, settings });
      });
      let i = -1;
      ends.forEach((end, day) => {
        while (i + 1 < steps.length && (steps[i + 1]?.at ?? 0) < end) i++;
        const step = steps[i];
        if (!step || step.state.phase === CardPhase.New) return;
        sums[day] = (sums[day] ?? 0) + retrievability(step.state, morning, step.settings);
      });
    }
  }
  return starts.map((start, day) => ({
    date: dayKey(start, rolloverHour, timeZone),
    recall: cards === 0 ? 0 : (sums[day] ?? 0) / cards,
  }));
}

/** The interview date set, the days left and the readiness history (`days` days, oldest first). */
export interface ReadinessTrend {
  date: string;
  daysLeft: number;
  history: ReadinessDay[];
}

/** The readiness trend toward the interview-date setting (from the day of the first answer, at most `days` days), or null when none is set or it is past. */
export function readinessTrend(grill: Grill, now: number, days = 14): ReadinessTrend | null {
  const date = grill.settings().interviewDate;
  if (date === null) return null;
  try {
    const { daysLeft, morning } = interviewDay(grill, date, now);
    // No days before the collection's first event: there was nothing to be ready with.
    const first = grill.store.events.firstAnswerAt();
    const { rolloverHour, timeZone } = grill.settings();
    const since =
      first === undefined
        ? 1
        : Math.round(
            (dayStart(now, rolloverHour, timeZone) - dayStart(first, rolloverHour, timeZone)) / DAY_MS,
          ) + 1;
    return {
      date,
      daysLeft,
      history: readinessHistory(grill, morning, now, Math.max(1, Math.min(days, since))),
    };
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    throw error;
  }
}
