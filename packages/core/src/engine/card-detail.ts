// One card in detail (issue 16, `grill show`): its content, where it lives, its memory state now
// and every answer in effect with the interval it gave.
import type { Card } from '../deck/model.js';
import { NotFoundError } from '../errors.js';
import { type AnswerDetail, RATING_NAMES, type Rating, type RatingName } from '../scheduler/events.js';
import { type CardSummary, PHASE_NAMES, type PhaseName, summarize } from './card-list.js';
import type { Grill } from './grill.js';
import type { CardRecord } from './records.js';

/** One answer in effect, as the fold of the review log saw it. Times in ms. */
export interface CardAnswer {
  id: string;
  at: number;
  rating: Rating;
  ratingName: RatingName;
  durationMs: number;
  /** The card's phase just before the answer. */
  phaseBefore: PhaseName;
  /** The interval the answer gave, in days (fractional for learning steps). */
  intervalDays: number;
  /** What was answered (the text typed, the options chosen, the rubric points covered), when recorded. */
  detail?: AnswerDetail;
}

export interface CardDetail extends CardSummary {
  content: Card;
  /** The deck file and the line of the card's heading. */
  source: { file: string; line: number };
  /** The answers in effect (undone ones left out), oldest first. */
  history: CardAnswer[];
  /** No longer in its deck file: kept, with its history, until it comes back. */
  retired: boolean;
}

/**
 * The card `cardKey`, active or retired (gone from its deck file, its history kept). Throws
 * NotFoundError `unknown-card` for a key no card ever had, naming the closest active keys.
 */
export function knownCard(grill: Grill, cardKey: string): CardRecord {
  const card = grill.card(cardKey);
  if (!card) throw unknownCardNear(grill, cardKey);
  return card;
}

/**
 * The card `cardKey` (active or retired) at `now` (ms). Throws NotFoundError `unknown-card` for a
 * key no card ever had, naming the closest keys.
 */
export function cardDetail(grill: Grill, cardKey: string, now: number): CardDetail {
  const card = knownCard(grill, cardKey);
  const details = new Map(
    grill.store.events
      .reviewsInEffect(card.key)
      .flatMap((e) => (e.payload.detail ? [[e.id, e.payload.detail]] : [])),
  );
  const summary = summarize(
    {
      key: card.key,
      deckId: card.deckId,
      position: card.position,
      kind: card.kind,
      title: card.content.title,
      tags: card.content.tags,
      state: grill.store.states.get(card.key),
    },
    grill.settings(card.deckId),
    now,
  );
  return {
    ...summary,
    content: card.content,
    source: { file: grill.deck(card.deckId)?.sourcePath ?? '', line: card.sourceLine },
    history: grill.store.reviews.forCard(card.key).map((f) => ({
      id: f.eventId,
      at: f.at,
      rating: f.rating,
      ratingName: RATING_NAMES[f.rating],
      durationMs: f.durationMs,
      phaseBefore: PHASE_NAMES[f.phaseBefore],
      intervalDays: f.intervalDays,
      ...(details.has(f.eventId) ? { detail: details.get(f.eventId) } : {}),
    })),
    retired: card.retired,
  };
}

/** Closest keys shown for an unknown one. */
const SUGGESTIONS = 3;

/** `unknown card "x"`, with the active keys it may have meant. */
function unknownCardNear(grill: Grill, cardKey: string): NotFoundError {
  const near = closeKeys(
    cardKey,
    grill.store.browse.cards().map((c) => c.key),
  );
  const hint =
    near.length > 0
      ? ` (did you mean ${near.length > 1 ? `${near.slice(0, -1).join(', ')} or ` : ''}${near.at(-1)}?)`
      : cardKey.includes('/')
        ? ' (see grill cards)'
        : ' (card keys look like deck-id/card-id)';
  return new NotFoundError('unknown-card', `unknown card "${cardKey}"${hint}`);
}

/**
 * The keys `input` most likely meant: those whose card id it is (a key typed without its deck),
 * else the nearest by edit distance, case ignored, when at most a third of it differs.
 */
export function closeKeys(input: string, keys: readonly string[]): string[] {
  const byId = keys.filter((k) => k.slice(k.indexOf('/') + 1) === input);
  if (byId.length > 0) return byId.slice(0, SUGGESTIONS);
  const typed = input.toLowerCase();
  const limit = Math.max(1, Math.floor(typed.length / 3));
  const scored = keys
    .filter((key) => Math.abs(key.length - typed.length) <= limit)
    .map((key) => ({ key, distance: editDistance(typed, key.toLowerCase()) }))
    .filter((s) => s.distance <= limit);
  const best = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance === best)
    .slice(0, SUGGESTIONS)
    .map((s) => s.key);
}

/** Levenshtein distance: the fewest one-character insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] as number;
}
