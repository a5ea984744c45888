// Readiness for an interview date (issue 14): how much of each deck the user is predicted to
// recall on the morning of the day, from FSRS's forgetting curve. The first part of `grill plan`:
// "if you stopped today". (The forecast on schedule, pacing and minutes per day come next.)
import { InvalidInputError } from '../errors.js';
import { CardPhase, retrievability } from '../scheduler/card-state.js';
import { addDays, dayKey, dayStart } from '../scheduler/day.js';
import type { Grill } from './grill.js';

/** One deck's readiness on the morning of the interview. */
export interface DeckReadiness {
  deck: string;
  /** Active cards. */
  cards: number;
  /** Cards never answered. */
  unseen: number;
  /** Mean predicted recall (0–1) of the deck's cards that morning if no review happened before it; unseen cards count as 0. */
  recallIfStopped: number;
  /** Answered cards whose predicted recall that morning is below the deck's desired retention. */
  atRisk: number;
}

export interface Readiness {
  /** The interview day, YYYY-MM-DD in the collection's time zone. */
  date: string;
  /** Grill days from today to that day (0: the interview is today). */
  daysLeft: number;
  /** When that day starts (ms since the epoch): the rollover hour, in the collection's zone. */
  morning: number;
  decks: DeckReadiness[];
}

const DAY_MS = 86_400_000;

/**
 * Readiness for an interview on `date` (YYYY-MM-DD), as seen at `now` (ms). Each card's recall is
 * FSRS retrievability at the start of that day (scheduler/card-state.ts `retrievability`, the
 * ts-fsrs forgetting curve over whole grill days since the last review). Throws InvalidInputError
 * (`past-date`) when the day is over.
 */
export function readiness(grill: Grill, date: string, now: number): Readiness {
  const global = grill.settings();
  const { rolloverHour, timeZone } = global;
  const today = dayKey(now, rolloverHour, timeZone);
  const daysLeft = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (!(daysLeft >= 0))
    throw new InvalidInputError('past-date', `the interview date ${date} is before today (${today})`);
  const morning = addDays(dayStart(now, rolloverHour, timeZone), daysLeft, rolloverHour, timeZone);
  // Every card state in one read, not one query per card.
  const states = new Map([...grill.store.states.iterate()].map((s) => [s.cardKey, s]));
  const decks = grill.decks().map((deck): DeckReadiness => {
    const settings = grill.settings(deck.id);
    const keys = grill.store.cards.indexOfDeck(deck.id).filter((c) => !c.retired);
    let unseen = 0;
    let recall = 0;
    let atRisk = 0;
    for (const { key } of keys) {
      const state = states.get(key);
      if (!state || state.phase === CardPhase.New || state.lastReview === null) {
        unseen++;
        continue;
      }
      const r = retrievability(state, morning, settings);
      recall += r;
      if (r < settings.retention) atRisk++;
    }
    return {
      deck: deck.id,
      cards: keys.length,
      unseen,
      recallIfStopped: keys.length === 0 ? 0 : recall / keys.length,
      atRisk,
    };
  });
  return { date, daysLeft, morning, decks };
}
