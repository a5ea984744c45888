import { eventProblem } from '@grill/protocol';
import { describe, expect, it } from 'vitest';
import type { AnkiReview } from './model.js';
import { CARD, SAMPLE } from './test-support/sample-collection.js';
import { ANKI_DEVICE, ankiEventId, ankiHistory } from './to-history.js';

const KEYS = new Map<number, string>([
  [CARD.idempotent, 'http/n-a'],
  [CARD.statusForward, 'http/n-b'],
  [CARD.having, 'sql/n-c'],
  [CARD.keys1, 'sql/n-d/c1'],
  [CARD.keys2, 'sql/n-d/c2'],
]);

describe('ankiHistory', () => {
  it('makes an answer of each learn, review, relearn and filtered entry; skips manual and rescheduled ones', () => {
    // SAMPLE's log: one entry of each type, 0 to 5.
    const history = ankiHistory(SAMPLE.revlog, KEYS);
    expect([history.converted, history.skipped]).toEqual([4, 2]);
    expect(history.events.map((e) => [e.cardKey, e.at, e.type, e.payload, e.deviceId])).toEqual([
      ['http/n-b', 1772300003001, 'review', { rating: 3, durationMs: 6200 }, ANKI_DEVICE],
      ['http/n-a', 1772300003002, 'review', { rating: 3, durationMs: 4100 }, ANKI_DEVICE],
      ['sql/n-c', 1772300003003, 'review', { rating: 1, durationMs: 12000 }, ANKI_DEVICE],
      ['http/n-a', 1772300003004, 'review', { rating: 4, durationMs: 3000 }, ANKI_DEVICE],
    ]);
    for (const event of history.events) expect(eventProblem(event)).toBeNull();
  });

  it('skips entries of cards not imported, with no button, or at an impossible time', () => {
    const review = (over: Partial<AnkiReview>): AnkiReview => ({
      id: 1772300009000,
      cardId: CARD.having,
      ease: 3,
      ivl: 1,
      lastIvl: 0,
      factor: 2500,
      time: 5000,
      type: 1,
      ...over,
    });
    const history = ankiHistory(
      [
        review({ cardId: 42 }),
        review({ ease: 0, type: 1 }),
        review({ ease: 5 }),
        review({ id: -1 }),
        review({ time: -20 }),
      ],
      KEYS,
    );
    expect([history.converted, history.skipped]).toEqual([1, 4]);
    expect(history.events[0]?.payload).toEqual({ rating: 3, durationMs: 0 });
  });

  it('gives the same events the same ids every time: UUIDv7s of the answer’s time', () => {
    const first = ankiHistory(SAMPLE.revlog, KEYS).events.map((e) => e.id);
    expect(ankiHistory(SAMPLE.revlog, KEYS).events.map((e) => e.id)).toEqual(first);
    for (const id of first)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // They sort as their times do.
    expect([...first].sort()).toEqual(first);
    const at = 1772300003001;
    expect(Number.parseInt(ankiEventId(at, 'x').replace('-', '').slice(0, 12), 16)).toBe(at);
    // The same review of another card is another event.
    expect(ankiEventId(at, `${at}:a/b`)).not.toBe(ankiEventId(at, `${at}:a/c`));
  });
});
