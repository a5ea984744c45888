// Readiness for an interview date (issue 14): how much of each deck the user is predicted to
// recall on the morning of the day, from FSRS's forgetting curve — "if you stopped today". The
// forecast on schedule, the pace and the minutes are plan.ts.
import { InvalidInputError } from '../errors.js';
import { CardPhase, type CardState, retrievability } from '../scheduler/card-state.js';
import { addDays, dayKey, dayStart } from '../scheduler/day.js';
import type { Grill } from './grill.js';

/** A group of cards' readiness on the morning of the interview (a deck, a tag, or all). */
export interface ReadinessGroup {
  name: string;
  /** Active cards. */
  cards: number;
  /** Cards never answered. */
  unseen: number;
  /** Mean predicted recall (0–1) of the cards that morning if no review happened before it; unseen cards count as 0. */
  recallIfStopped: number;
  /** Answered cards whose predicted recall that morning is below the desired retention. */
  atRisk: number;
}

/** One deck's readiness (see ReadinessGroup). */
export type DeckReadiness = Omit<ReadinessGroup, 'name'> & { deck: string };

export interface Readiness {
  /** The interview day, YYYY-MM-DD in the collection's time zone. */
  date: string;
  /** Grill days from today to that day (0: the interview is today). */
  daysLeft: number;
  /** When that day starts (ms since the epoch): the rollover hour, in the collection's zone. */
  morning: number;
  decks: DeckReadiness[];
}

/** One active card's readiness. */
export interface CardReadiness {
  key: string;
  deck: string;
  tags: string[];
  /** Its state, or null when it was never answered and is not suspended (a card to introduce). */
  state: CardState | null;
  /** Predicted recall that morning if no review happened before it; null when never answered. */
  recallIfStopped: number | null;
  atRisk: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Readiness for an interview on `date` (YYYY-MM-DD), as seen at `now` (ms). Each card's recall is
 * FSRS retrievability at the start of that day (scheduler/card-state.ts `retrievability`, the
 * ts-fsrs forgetting curve over whole grill days since the last review). Throws InvalidInputError
 * (`past-date`) when the day is over.
 */
export function readiness(grill: Grill, date: string, now: number): Readiness {
  const { daysLeft, morning } = interviewDay(grill, date, now);
  const decks = summarize(cardReadiness(grill, morning, false), (c) => [c.deck]).map(
    ({ name, keys: _keys, ...group }) => ({ deck: name, ...group }),
  );
  return { date, daysLeft, morning, decks };
}

/**
 * The interview day `date` (YYYY-MM-DD) seen at `now` (ms): grill days until it (0: today) and
 * when it starts (ms, the rollover hour in the collection's zone). Throws InvalidInputError
 * (`past-date`) when the day is over.
 */
export function interviewDay(grill: Grill, date: string, now: number): { daysLeft: number; morning: number } {
  const { rolloverHour, timeZone } = grill.settings();
  const today = dayKey(now, rolloverHour, timeZone);
  const daysLeft = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (!(daysLeft >= 0))
    throw new InvalidInputError(
      'past-date',
      `the interview date ${date} is before today (${today}): set the new one with grill config set interview-date`,
    );
  return {
    daysLeft,
    morning: addDays(dayStart(now, rolloverHour, timeZone), daysLeft, rolloverHour, timeZone),
  };
}

/** Every active card's readiness on the morning starting at `morning` (ms), deck by deck in file order (`tags` left empty unless `withTags`). */
export function cardReadiness(grill: Grill, morning: number, withTags = true): CardReadiness[] {
  // Every card state in one read, not one query per card; tags one query per tag (when wanted).
  const states = new Map([...grill.store.states.iterate()].map((s) => [s.cardKey, s]));
  const tagsOf = new Map<string, string[]>();
  for (const tag of withTags ? grill.store.cards.tags() : []) {
    for (const key of grill.store.cards.keysWithTag(tag)) tagsOf.set(key, [...(tagsOf.get(key) ?? []), tag]);
  }
  const out: CardReadiness[] = [];
  for (const deck of grill.decks()) {
    const settings = grill.settings(deck.id);
    const rows = grill.store.cards.indexOfDeck(deck.id).filter((c) => !c.retired);
    rows.sort((a, b) => a.position - b.position);
    for (const { key } of rows) {
      const state = states.get(key);
      const answered = state !== undefined && state.phase !== CardPhase.New && state.lastReview !== null;
      const r = answered ? retrievability(state, morning, settings) : null;
      out.push({
        key,
        deck: deck.id,
        tags: tagsOf.get(key) ?? [],
        state: answered || state?.suspended ? (state as CardState) : null,
        recallIfStopped: r,
        atRisk: r !== null && r < settings.retention,
      });
    }
  }
  return out;
}

/** Groups cards (a card may be in several groups, or none) and sums each group, in first-seen order. */
export function summarize(
  cards: readonly CardReadiness[],
  groupsOf: (card: CardReadiness) => readonly string[],
): (ReadinessGroup & { keys: string[] })[] {
  const groups = new Map<string, ReadinessGroup & { keys: string[] }>();
  for (const card of cards) {
    for (const name of groupsOf(card)) {
      let g = groups.get(name);
      if (!g) {
        g = { name, cards: 0, unseen: 0, recallIfStopped: 0, atRisk: 0, keys: [] };
        groups.set(name, g);
      }
      g.cards++;
      g.keys.push(card.key);
      if (card.recallIfStopped === null) g.unseen++;
      else g.recallIfStopped += card.recallIfStopped;
      if (card.atRisk) g.atRisk++;
    }
  }
  return [...groups.values()].map((g) => ({
    ...g,
    recallIfStopped: g.cards === 0 ? 0 : g.recallIfStopped / g.cards,
  }));
}
