// Sessions outside the daily queue (issue 14): cram — every card of a selection once, whatever its
// due date (the night before) — and study ahead — the cards that come due in the next days, before
// they do. Each is a list of card keys that a drill session shows in order, once each. Answers are
// ordinary reviews: FSRS counts the days since the last review, so an early one moves a card on
// less than an answer on time would.
import { deckOf } from '../deck/card-key.js';
import { CardPhase, type CardState, retrievability } from '../scheduler/card-state.js';
import { addDays, dayStart } from '../scheduler/day.js';
import type { Grill } from './grill.js';

/** Which cards: one deck, one tag, or all (both: the deck's cards with the tag). */
export interface Selection {
  deck?: string;
  tag?: string;
}

/**
 * Every active card of the selection that is not suspended (due or not, new ones included), once:
 * lowest predicted recall now first — never-answered cards count as 0, as readiness counts them —
 * then deck by deck in file order.
 */
export function cramCards(grill: Grill, now: number, selection: Selection = {}): string[] {
  const { store } = grill;
  const tagged = selection.tag === undefined ? null : store.cards.keysWithTag(selection.tag);
  const cards: { key: string; recall: number }[] = [];
  for (const deck of grill.decks()) {
    if (selection.deck && deck.id !== selection.deck) continue;
    const settings = grill.settings(deck.id);
    const rows = store.cards.indexOfDeck(deck.id).filter((c) => !c.retired && (!tagged || tagged.has(c.key)));
    rows.sort((a, b) => a.position - b.position);
    for (const { key } of rows) {
      const state = store.states.get(key);
      if (state?.suspended) continue;
      cards.push({ key, recall: answered(state) ? retrievability(state, now, settings) : 0 });
    }
  }
  // A stable sort: equal recall keeps deck and file order.
  return cards.sort((a, b) => a.recall - b.recall).map((c) => c.key);
}

/**
 * The cards that come due within the next `days` days (a whole number, at least 1) and are not
 * due yet: due from the end of today's day window to the end of the `days`-th day after it,
 * neither suspended nor buried; lowest predicted recall now first, then the soonest due.
 */
export function aheadCards(grill: Grill, now: number, days: number, selection: Selection = {}): string[] {
  const { store } = grill;
  const { rolloverHour: rollover, timeZone: zone } = grill.settings();
  const tomorrow = addDays(dayStart(now, rollover, zone), 1, rollover, zone);
  const until = addDays(tomorrow, days, rollover, zone);
  const tagged = selection.tag === undefined ? null : store.cards.keysWithTag(selection.tag);
  const cards: { key: string; due: number; recall: number }[] = [];
  for (const { deckId, state } of store.queue.dueCandidates(now, until)) {
    if (state.due < tomorrow) continue;
    if (selection.deck && deckOf(state.cardKey) !== selection.deck) continue;
    if (tagged && !tagged.has(state.cardKey)) continue;
    cards.push({
      key: state.cardKey,
      due: state.due,
      recall: retrievability(state, now, grill.settings(deckId)),
    });
  }
  cards.sort((a, b) => a.recall - b.recall || a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return cards.map((c) => c.key);
}

function answered(state: CardState | undefined): state is CardState {
  return state !== undefined && state.phase !== CardPhase.New && state.lastReview !== null;
}
