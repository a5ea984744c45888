import { MAX_TIMESTAMP } from '@grill/protocol/limits';
import type { AnswerDetail, Rating, ReviewPayload } from '../scheduler/events.js';

/** Longest time recorded for one answer (ms): a day. A card left open overnight is not study time. */
export const MAX_DURATION_MS = 86_400_000;
/** Longest typed answer kept with a review, serialised (bytes); the check itself used the whole text. */
const MAX_TYPED_BYTES = 2048;
/** Option and rubric indexes kept with a review. */
const MAX_INDEX = 999;
const MAX_INDEXES = 100;

/** `text` with lone surrogates replaced (U+FFFD), cut to whole characters so its JSON fits `bytes`. */
function boundedText(text: string, bytes: number): string {
  let chars = [...text.replace(/\p{Cs}/gu, '\uFFFD')];
  while (Buffer.byteLength(JSON.stringify(chars.join(''))) > bytes)
    chars = chars.slice(0, Math.floor(chars.length * 0.9));
  return chars.join('');
}

function indexes(list: readonly number[]): number[] {
  return list.filter((i) => Number.isInteger(i) && i >= 0 && i <= MAX_INDEX).slice(0, MAX_INDEXES);
}

/**
 * The payload of a review as it is recorded: within the sync protocol's bounds whatever the
 * input, so every answer made here can sync (an event the server refuses would be set aside).
 * The time spent is whole ms from 0 to MAX_DURATION_MS; a typed answer is kept up to about 2 KB;
 * a mock interview's marker only when it is a time the protocol takes.
 */
export function reviewPayload(rating: Rating, durationMs = 0, detail?: AnswerDetail): ReviewPayload {
  const duration = Number.isFinite(durationMs)
    ? Math.min(MAX_DURATION_MS, Math.max(0, Math.round(durationMs)))
    : 0;
  if (!detail) return { rating, durationMs: duration };
  const kept: AnswerDetail = {};
  if (detail.chosen) kept.chosen = indexes(detail.chosen);
  if (detail.typed !== undefined) kept.typed = boundedText(detail.typed, MAX_TYPED_BYTES);
  if (detail.covered) kept.covered = indexes(detail.covered);
  if (detail.correct !== undefined) kept.correct = detail.correct;
  // A mock interview's start: a time the protocol takes, or the marker is left off.
  const mock = detail.mock;
  if (mock !== undefined && Number.isInteger(mock) && mock >= 0 && mock <= MAX_TIMESTAMP) kept.mock = mock;
  return { rating, durationMs: duration, detail: kept };
}
