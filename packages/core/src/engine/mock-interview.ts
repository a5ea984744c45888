// The questions of a mock interview (grill mock, issue 14): open cards — explanations and
// debugging scenarios, answered aloud and checked against their rubric — drawn at random, weighted
// toward weak cards in weak topics (decks), cards answered in the last day kept for the end. The
// draw is seeded by the cards and `now`: the same collection at the same moment asks the same
// questions in the same order; another moment, another draw.
import { CardPhase, retrievability } from '../scheduler/card-state.js';
import type { Grill } from './grill.js';
import type { Selection } from './study-ahead.js';

const DAY_MS = 86_400_000;
/** How weak a card never answered counts: unknown, so halfway. */
const UNSEEN_WEAKNESS = 0.5;
/** Added to both weaknesses so that strong cards in strong topics still come up now and then. */
const FLOOR = 0.1;

/** An open card considered for a mock interview, and why it stands where it does. */
export interface MockCandidate {
  key: string;
  /** Its topic: the deck. */
  deck: string;
  /** Predicted recall now; null when never answered. */
  recall: number | null;
  /** Share of rubric points missed in its earlier answers that recorded them; null when none did. */
  missed: number | null;
  /** Answered within the last 24 hours: asked only after every other card. */
  recent: boolean;
  /** 0–1: the chance of not giving a full answer, 1 − recall × (1 − missed); 0.5 when never answered. */
  weakness: number;
  /** The mean weakness of the topic's candidates. */
  topicWeakness: number;
  /** The draw's weight, (0.1 + weakness) × (0.1 + topicWeakness). */
  weight: number;
}

/**
 * The open cards of the selection (active, neither suspended nor buried) in the order a mock
 * interview at `now` asks them: cards not answered in the last day first, each group in a
 * weighted random order (Efraimidis–Spirakis: a card's key is u^(1/weight), u seeded by the card
 * and `now`), so weak cards in weak topics tend to come first without always coming first.
 */
export function mockInterview(grill: Grill, now: number, selection: Selection = {}): MockCandidate[] {
  const { store } = grill;
  const tagged = selection.tag === undefined ? null : store.cards.keysWithTag(selection.tag);
  const misses = missRates(grill);
  const cards = store.mock.openCards().flatMap(({ key, deckId }) => {
    if ((selection.deck && deckId !== selection.deck) || (tagged && !tagged.has(key))) return [];
    const state = store.states.get(key);
    if (state?.suspended || (state?.buriedUntil != null && state.buriedUntil > now)) return [];
    const seen = state !== undefined && state.phase !== CardPhase.New && state.lastReview !== null;
    const recall = seen ? retrievability(state, now, grill.settings(deckId)) : null;
    const missed = misses.get(key) ?? null;
    const weakness = recall === null ? UNSEEN_WEAKNESS : 1 - recall * (1 - (missed ?? 0));
    const recent = seen && state.lastReview !== null && now - state.lastReview < DAY_MS;
    return [{ key, deck: deckId, recall, missed, recent, weakness, topicWeakness: 0, weight: 0 }];
  });
  const topics = new Map<string, { sum: number; n: number }>();
  for (const c of cards) {
    const t = topics.get(c.deck) ?? { sum: 0, n: 0 };
    topics.set(c.deck, { sum: t.sum + c.weakness, n: t.n + 1 });
  }
  const drawn = cards.map((c) => {
    const t = topics.get(c.deck) ?? { sum: 0, n: 1 };
    const topicWeakness = t.sum / t.n;
    const weight = (FLOOR + c.weakness) * (FLOOR + topicWeakness);
    // log(u) / weight orders as u^(1/weight) does, without underflow.
    return { card: { ...c, topicWeakness, weight }, key: Math.log(unit(`${c.key}@${now}`)) / weight };
  });
  drawn.sort(
    (a, b) =>
      Number(a.card.recent) - Number(b.card.recent) ||
      b.key - a.key ||
      (a.card.key < b.card.key ? -1 : a.card.key > b.card.key ? 1 : 0),
  );
  return drawn.map((d) => d.card);
}

/** Per card, the share of rubric points missed over its answers in effect that recorded them. */
function missRates(grill: Grill): Map<string, number> {
  const totals = new Map<string, { points: number; missed: number }>();
  for (const a of grill.store.stats.coveredAnswers()) {
    const covered = new Set(a.covered);
    const missed = a.rubric.filter((_, i) => !covered.has(i)).length;
    const t = totals.get(a.cardKey) ?? { points: 0, missed: 0 };
    totals.set(a.cardKey, { points: t.points + a.rubric.length, missed: t.missed + missed });
  }
  return new Map(
    [...totals].filter(([, t]) => t.points > 0).map(([key, t]) => [key, t.missed / t.points] as const),
  );
}

/** A number in (0, 1) fixed by `text`: FNV-1a, then murmur3's finaliser to spread the bits. */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) + 0.5) / 0x1_0000_0000;
}
