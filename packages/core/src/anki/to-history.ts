// Anki's review log as grill review events (`grill import-anki --with-history`). Pure. An answer
// is an event of the card its Anki card became: rating = the button (ease 1 to 4), at = the
// revlog id (when it was given, ms), duration = the time taken. Filtered (cram, early) reviews are
// answers too; manual changes (type 4: set due date, forget), reschedulings (type 5) and entries
// with no button (ease 0) are not. Event ids are UUIDv7s made from the time and a hash of the
// revlog id and card key, so the same package gives the same events: importing it again adds
// none (Grill.ingest skips known ids), and two machines importing it push identical events.
import { createHash } from 'node:crypto';
import { MAX_TIMESTAMP } from '@grill/protocol/limits';
import type { GrillEvent } from '../scheduler/events.js';
import type { AnkiReview } from './model.js';

/** The device the events are filed under: the same on every machine, so their copies are equal. */
export const ANKI_DEVICE = 'anki';

const MANUAL = 4;
const RESCHEDULED = 5;

export interface AnkiHistory {
  events: GrillEvent[];
  /** Answers turned into events. */
  converted: number;
  /** Entries that are no answer (manual, rescheduled, no button) or of a card not imported. */
  skipped: number;
}

/** The answers of `revlog` on the cards `cardKeys` maps (Anki card id → grill card key). */
export function ankiHistory(
  revlog: readonly AnkiReview[],
  cardKeys: ReadonlyMap<number, string>,
): AnkiHistory {
  const events: GrillEvent[] = [];
  let skipped = 0;
  for (const review of revlog) {
    const cardKey = cardKeys.get(review.cardId);
    const answer =
      review.type !== MANUAL &&
      review.type !== RESCHEDULED &&
      review.ease >= 1 &&
      review.ease <= 4 &&
      Number.isSafeInteger(review.id) &&
      review.id >= 0 &&
      review.id <= MAX_TIMESTAMP;
    if (!answer || cardKey === undefined) {
      skipped++;
      continue;
    }
    events.push({
      id: ankiEventId(review.id, `${review.id}:${cardKey}`),
      cardKey,
      type: 'review',
      at: review.id,
      deviceId: ANKI_DEVICE,
      payload: {
        rating: review.ease as 1 | 2 | 3 | 4,
        durationMs: Number.isSafeInteger(review.time) && review.time > 0 ? review.time : 0,
      },
    });
  }
  return { events, converted: events.length, skipped };
}

/**
 * A UUIDv7 for time `at` (ms) whose other bits come from the SHA-256 of `seed`: the layout of a
 * version-7 UUID (48 bits of time, version 7, variant 10), deterministic instead of random.
 */
export function ankiEventId(at: number, seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  bytes.writeUIntBE(at, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
