import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, type CardState, emptyState, previewRatings } from './card-state.js';
import type { GrillEvent, Rating } from './events.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';

const DAY = 86_400_000;
const NOON = Date.parse('2026-03-02T12:00:00Z');

function answer(
  state: CardState,
  at: number,
  rating: Rating,
  n: number,
  settings = DEFAULT_SETTINGS,
): CardState {
  const event: GrillEvent = {
    id: `0190${String(n).padStart(4, '0')}-0000-7000-8000-000000000000`,
    cardKey: state.cardKey,
    type: 'review',
    at,
    deviceId: 'd',
    payload: { rating, durationMs: 0 },
  };
  return applyEvent(state, event, settings).state;
}

const rating = fc.constantFrom<Rating>(1, 2, 3, 4);

/** A card's history (gaps of minutes to months between answers), then a wait before it is shown again. */
const history = fc.record({
  key: fc.stringMatching(/^[a-z]{1,6}\/[a-z0-9-]{1,12}$/),
  answers: fc.array(fc.record({ gapMinutes: fc.integer({ min: 0, max: 120 * 24 * 60 }), rating }), {
    maxLength: 12,
  }),
  gapDays: fc.integer({ min: 0, max: 400 }),
});

describe('what the user is shown is what happens', () => {
  it('an answer given R seconds after the preview gets exactly the previewed interval, for every rating', () => {
    fc.assert(
      fc.property(history, rating, fc.integer({ min: 0, max: 600 }), (h, r, delaySeconds) => {
        let state = emptyState(h.key);
        let t = NOON - 400 * DAY;
        h.answers.forEach((a, i) => {
          t += a.gapMinutes * 60_000;
          state = answer(state, t, a.rating, i);
        });
        // Shown at noon UTC some days later: the answer comes the same day (see the day-convention issue).
        const shownAt = (Math.floor(t / DAY) + 1 + h.gapDays) * DAY + 12 * 3_600_000;
        const preview = previewRatings(state, shownAt, DEFAULT_SETTINGS);
        const answeredAt = shownAt + delaySeconds * 1000;
        const after = answer(state, answeredAt, r, h.answers.length);
        expect(after.due - answeredAt).toBe(preview[r] - shownAt);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the four ratings are strictly ordered', () => {
  it('Again < Hard < Good < Easy in every state a history can leave a card in, whatever the steps (below the maximum interval)', () => {
    const variants: Settings[] = [
      DEFAULT_SETTINGS,
      { ...DEFAULT_SETTINGS, relearningSteps: ['2d'] },
      { ...DEFAULT_SETTINGS, relearningSteps: [] },
      { ...DEFAULT_SETTINGS, learningSteps: [], relearningSteps: [] },
      { ...DEFAULT_SETTINGS, learningSteps: ['1h', '1d'], maxInterval: 30 },
      { ...DEFAULT_SETTINGS, maxInterval: 2 },
    ];
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: 24 * 60 }),
        fc.constantFrom(...variants),
        (h, laterMinutes, settings) => {
          let state = emptyState(h.key);
          let t = NOON - 400 * DAY;
          h.answers.forEach((a, i) => {
            t += a.gapMinutes * 60_000;
            state = answer(state, t, a.rating, i, settings);
          });
          const now = t + laterMinutes * 60_000;
          const p = previewRatings(state, now, settings);
          const cap = now + (settings.maxInterval - 1) * DAY;
          for (const r of [1, 2, 3, 4] as const)
            expect(p[r] - now, `rating ${r} within the maximum interval`).toBeLessThanOrEqual(
              settings.maxInterval * DAY + DAY,
            );
          for (const [lower, higher] of [
            [1, 2],
            [2, 3],
            [3, 4],
          ] as const) {
            if (p[higher] < cap)
              expect(p[higher], `${lower} < ${higher} in phase ${state.phase}`).toBeGreaterThan(p[lower]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a learning card answered Again then Good, and a relearning card, no longer show Good and Easy alike', () => {
    const T0 = Date.parse('2026-03-02T09:00:00Z');
    let s = answer(emptyState('a/b'), T0, 1, 0);
    s = answer(s, T0 + 60_000, 3, 1);
    let p = previewRatings(s, T0 + 11 * 60_000, DEFAULT_SETTINGS);
    expect(p[4] - p[3]).toBeGreaterThanOrEqual(DAY);
    s = answer(s, T0 + 11 * 60_000, 3, 2);
    s = answer(s, T0 + 3 * DAY, 1, 3);
    expect(s.phase).toBe(3);
    p = previewRatings(s, T0 + 3 * DAY + 600_000, DEFAULT_SETTINGS);
    expect(p[4] - p[3]).toBeGreaterThanOrEqual(DAY);
  });
});
