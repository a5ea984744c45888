// Fixtures for the app's reducer and view tests: cards, a session snapshot, a card as listed; no database.
import { type Card, type CardRecord, type CardSummary, emptyState } from '@grill/core';
import type { SessionView } from './app-state.js';
import type { SessionSummary } from './session.js';

/** The fields every card kind has, for card `id` of deck `kinds`. */
export const cardFields = (id: string) => ({
  deckId: 'kinds',
  id,
  key: `kinds/${id}`,
  title: id,
  body: '',
  answer: 'A',
  why: '',
  mistake: '',
  tags: [],
  line: 1,
  hash: 'h',
});

/** A session showing `content` (or finished, when null) as a new card, with `newLeft` more to come. */
export function sessionView(
  content: Card | null,
  {
    answered = 0,
    canUndo = false,
    summary = { answers: 0, cards: 0, correct: 0, timeMs: 0 } as SessionSummary,
    newLeft = 1,
    sourceLine = 1,
  } = {},
): SessionView {
  const card = content && ({ key: content.key, deckId: 'kinds', content, sourceLine } as CardRecord);
  const current = card && {
    entry: { cardKey: card.key, deckId: 'kinds', kind: 'new' as const, due: 0 },
    card,
    state: emptyState(card.key),
    intervals: { 1: 60_000, 2: 360_000, 3: 600_000, 4: 86_400_000 },
    previewAt: 0,
    shownAt: 0,
  };
  const left = { new: newLeft, learning: 0, review: 0 };
  return { current, answered, left: () => left, canUndo: () => canUndo, summary };
}

/** A card as the browser lists it: new, never answered, unless `over` says otherwise. */
export function cardSummary(key: string, over: Partial<CardSummary> = {}): CardSummary {
  return {
    key,
    deck: key.slice(0, key.indexOf('/')),
    kind: 'basic',
    title: `Question ${key}`,
    tags: [],
    status: over.suspended ? 'suspended' : over.buried ? 'buried' : 'new',
    phase: 'new',
    due: null,
    dueDay: null,
    stability: null,
    difficulty: null,
    retrievability: null,
    reps: 0,
    lapses: 0,
    suspended: false,
    buried: false,
    buriedUntil: null,
    leech: false,
    lastReview: null,
    ...over,
  };
}
