import { eventProblem } from '@grill/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Rating } from '../scheduler/events.js';
import { parseSettingValue } from '../scheduler/setting-values.js';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';

type Op =
  | {
      op: 'answer';
      card: number;
      rating: Rating;
      durationMs: number;
      typed?: string;
      chosen?: number[];
      mock?: number;
    }
  | { op: 'suspend' | 'unsuspend' | 'bury'; card: number }
  | { op: 'undo' }
  | { op: 'setting'; key: string; text: string }
  | { op: 'reschedule' };

const card = fc.nat(2);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    {
      op: fc.constant('answer' as const),
      card,
      rating: fc.constantFrom<Rating>(1, 2, 3, 4),
      // Whatever a script passes to --duration, or a drill left open for days.
      durationMs: fc.oneof(fc.double(), fc.constantFrom(1e20, -5, 86_400_001, Number.NaN)),
      // A paste of any size and any text, lone surrogates included.
      typed: fc.string({ unit: 'binary', maxLength: 6000 }),
      chosen: fc.array(fc.integer({ min: -5, max: 5000 }), { maxLength: 300 }),
      // A mock interview's start, or whatever a caller passes as one.
      mock: fc.oneof(fc.double(), fc.constantFrom(T0, -1, 1e20, 0.5, Number.NaN)),
    },
    { requiredKeys: ['op', 'card', 'rating', 'durationMs'] },
  ),
  fc.record({ op: fc.constantFrom('suspend' as const, 'unsuspend' as const, 'bury' as const), card }),
  fc.constant({ op: 'undo' as const }),
  fc.record({
    op: fc.constant('setting' as const),
    key: fc.constantFrom('retention', 'learning-steps', 'time-zone', 'new-per-day'),
    text: fc.constantFrom('0.85', '1m 10m 1h', 'europe/berlin', 'utc', '15', '2d'),
  }),
  fc.constant({ op: 'reschedule' as const }),
);

describe('every event the engine records', () => {
  it('passes the sync protocol’s checks, whatever the input, so every answer can sync (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const { grill } = grillWith({ 'a.md': deckText('a', 3) });
        let now = T0;
        grill.ensureTimeZone(now);
        for (const o of ops) {
          now += DAY / 3;
          const key = 'card' in o ? `a/c${o.card + 1}` : '';
          if (o.op === 'answer') {
            const detail = {
              ...(o.typed !== undefined ? { typed: o.typed } : {}),
              ...(o.chosen ? { chosen: o.chosen } : {}),
              ...(o.mock !== undefined ? { mock: o.mock } : {}),
            };
            grill.answer(key, o.rating, now, { durationMs: o.durationMs, detail });
          } else if (o.op === 'undo') tryUndo(grill, now);
          else if (o.op === 'reschedule') grill.reschedule(now);
          else if (o.op === 'setting') {
            try {
              grill.setSetting(o.key, parseSettingValue(o.key, o.text), now);
            } catch {
              // A value the setting refuses changes nothing.
            }
          } else grill[o.op](key, now);
        }
        const problems = [...grill.store.events.iterate()]
          .map((event) => ({ id: event.id, problem: eventProblem(event) }))
          .filter((p) => p.problem !== null);
        grill.close();
        expect(problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
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
