import { type AnswerDetail, RATING_NAMES, type Rating, type RatingName } from '../scheduler/events.js';
import type { Grill } from './grill.js';

export interface HistoryEntry {
  id: string;
  card: string;
  at: string;
  rating: Rating;
  ratingName: RatingName;
  durationMs: number;
  detail?: AnswerDetail;
  device: string;
}

/** The answers in effect (undone ones left out), oldest first, optionally for one card. */
export function history(grill: Grill, cardKey?: string): HistoryEntry[] {
  return grill.store.events.reviewsInEffect(cardKey).map((e) => ({
    id: e.id,
    card: e.cardKey,
    at: new Date(e.at).toISOString(),
    rating: e.payload.rating,
    ratingName: RATING_NAMES[e.payload.rating],
    durationMs: e.payload.durationMs,
    ...(e.payload.detail ? { detail: e.payload.detail } : {}),
    device: e.deviceId,
  }));
}
