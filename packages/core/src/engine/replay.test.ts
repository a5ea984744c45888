import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Rating } from '../scheduler/events.js';
import { DAY, deckText, grillWith, MINUTE, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});

type Step =
  | { op: 'review'; card: number; rating: Rating; gap: number }
  | { op: 'undo'; gap: number }
  | { op: 'suspend' | 'unsuspend' | 'bury'; card: number; gap: number }
  | {
      op: 'setting';
      key: 'retention' | 'learning-steps' | 'max-interval';
      deck: boolean;
      value: number;
      gap: number;
    }
  | { op: 'reschedule'; deck: boolean; gap: number };

const gap = fc.oneof(fc.integer({ min: 0, max: 30 * MINUTE }), fc.integer({ min: 0, max: 40 * DAY }));
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('review' as const),
      card: fc.nat(3),
      rating: fc.constantFrom<Rating>(1, 2, 3, 4),
      gap,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const), gap }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('suspend' as const, 'unsuspend' as const, 'bury' as const),
      card: fc.nat(3),
      gap,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setting' as const),
      key: fc.constantFrom('retention' as const, 'learning-steps' as const, 'max-interval' as const),
      deck: fc.boolean(),
      value: fc.nat(2),
      gap,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reschedule' as const), deck: fc.boolean(), gap }) },
);

const SETTING_VALUES = {
  retention: [0.8, 0.9, 0.95],
  'learning-steps': [['1m', '10m'], ['5m'], []],
  'max-interval': [30, 365, 36500],
} as const;

function play(grill: Grill, steps: Step[]): number {
  let now = T0;
  for (const s of steps) {
    now += s.gap;
    if (s.op === 'review') grill.answer(`d/c${s.card + 1}`, s.rating, now, { durationMs: 1000 });
    else if (s.op === 'undo') tryUndo(grill, now);
    else if (s.op === 'setting')
      grill.setSetting(s.key, SETTING_VALUES[s.key][s.value], now, s.deck ? 'd' : '');
    else if (s.op === 'reschedule') grill.reschedule(now, s.deck ? 'd' : '');
    else grill[s.op](`d/c${s.card + 1}`, now);
  }
  return now;
}

function snapshot(grill: Grill) {
  return {
    states: grill.store.db.prepare('SELECT * FROM card_state_cache ORDER BY card_key').all(),
    reviews: grill.store.db.prepare('SELECT * FROM review_cache ORDER BY event_id').all(),
  };
}

describe('the review log is the source of truth', () => {
  it('replaying every card from its events gives exactly the incrementally kept state, settings changes and reschedules interleaved (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const { grill } = grillWith({ 'd.md': deckText('d', 4) });
        open.push(grill);
        play(grill, steps);
        const incremental = snapshot(grill);
        grill.rebuildAll();
        expect(snapshot(grill)).toEqual(incremental);
        for (const key of ['d/c1', 'd/c2', 'd/c3', 'd/c4']) grill.rebuild(key);
        expect(snapshot(grill)).toEqual(incremental);
        grill.close();
        open.pop();
      }),
      { numRuns: 60 },
    );
  });

  it('undo restores the exact previous state (property)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 25 }),
        fc.nat(3),
        fc.constantFrom<Rating>(1, 2, 3, 4),
        (steps, card, rating) => {
          const { grill } = grillWith({ 'd.md': deckText('d', 4) });
          open.push(grill);
          const now = play(grill, steps) + DAY;
          const before = snapshot(grill);
          grill.answer(`d/c${card + 1}`, rating, now);
          const undone = grill.undo(now + MINUTE);
          expect(undone?.undone.type).toBe('review');
          expect(snapshot(grill)).toEqual(before);
          grill.close();
          open.pop();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the same schedule for the same events on two databases (fuzz is deterministic)', () => {
    const a = grillWith({ 'd.md': deckText('d', 4) }).grill;
    const b = grillWith({ 'd.md': deckText('d', 4) }).grill;
    open.push(a, b);
    let now = T0;
    for (let i = 0; i < 12; i++) {
      now += (i + 1) * DAY;
      a.answer('d/c1', 3, now);
    }
    b.ingest(a.store.events.forCard('d/c1'));
    expect(b.state('d/c1')).toEqual(a.state('d/c1'));
  });

  it('replays a card when an older event arrives after newer ones', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(grill);
    const newer = grill.answer('d/c1', 3, T0 + 2 * DAY).event;
    const other = grillWith({ 'd.md': deckText('d', 1) }).grill;
    open.push(other);
    const older = other.answer('d/c1', 1, T0 + DAY).event;
    grill.ingest([older]);
    // The same two events arriving in time order fold one after the other, with no replay.
    const inOrder = grillWith({ 'd.md': deckText('d', 1) }).grill;
    open.push(inOrder);
    inOrder.ingest([older]);
    inOrder.ingest([newer]);
    expect(grill.state('d/c1')).toEqual(inOrder.state('d/c1'));
    expect(grill.state('d/c1')).toMatchObject({ reps: 2, lapses: 0, lastEventId: newer.id });
    // Folded in the wrong order, the answer from the day before would have come last.
    const wrongOrder = grillWith({ 'd.md': deckText('d', 1) }).grill;
    open.push(wrongOrder);
    wrongOrder.ingest([newer]);
    expect(wrongOrder.state('d/c1')).not.toEqual(grill.state('d/c1'));
  });

  it('undo with nothing to undo returns null and records nothing', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(grill);
    expect(grill.undo(T0)).toBeNull();
    expect(grill.store.events.count()).toBe(0);
  });

  it('flags a leech at 8 lapses', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(grill);
    let now = T0;
    for (let lapse = 0; lapse < 8; lapse++) {
      // Graduate the card to review, then forget it.
      for (let i = 0; i < 3 && grill.state('d/c1').phase !== 2; i++) {
        now = Math.max(now, grill.state('d/c1').due) + MINUTE;
        grill.answer('d/c1', 3, now);
      }
      expect(grill.state('d/c1').leech).toBe(false);
      now = grill.state('d/c1').due + MINUTE;
      grill.answer('d/c1', 1, now);
    }
    expect(grill.state('d/c1').lapses).toBe(8);
    expect(grill.state('d/c1').leech).toBe(true);
  });
});

/** Undo as a user would try it: refused after a settings change or reschedule (nothing changes then). */
function tryUndo(grill: Grill, now: number): void {
  try {
    grill.undo(now);
  } catch (error) {
    if (!(error instanceof InvalidInputError && error.code === 'not-undoable')) throw error;
  }
}
