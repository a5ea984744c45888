import { describe, expect, it } from 'vitest';
import type { Rating } from '../scheduler/events.js';
import { DAY, grillWith, MINUTE } from '../test-support/fixtures.js';
import { doctor } from './doctor.js';
import { history } from './history.js';
import { dailyQueue, nextEntry } from './queue.js';

const CARDS = 12;

interface Answer {
  card: string;
  day: number;
  queue: string;
  rating: Rating;
  at: number;
  due: number;
}

/**
 * Sixty days of daily sessions through the engine, as `grill next` and `grill review` drive it:
 * each day, answer whatever comes next until nothing is due. (A short run through the real binary
 * is in packages/tui/src/commands/simulation.test.ts.)
 */
describe('60 days of daily sessions', () => {
  it('respects limits, queue order and learning steps; intervals grow on success and shrink on lapse', () => {
    const cards = Array.from(
      { length: CARDS },
      (_, i) => `## Question ${i + 1}? {#c${i + 1}}\n\n### Answer\nA${i + 1}.\n`,
    );
    const start = Date.parse('2026-03-02T08:00:00Z');
    const { grill } = grillWith({ 'sim.md': `---\nid: sim\ntitle: Sim\n---\n\n${cards.join('\n')}` }, start);
    grill.ensureTimeZone(start, 'UTC');
    grill.setSetting('new-per-day', 3, start);

    const answers: Answer[] = [];
    let lapsed: string | null = null;
    for (let day = 0; day < 60; day++) {
      let now = start + day * DAY;
      const total = dailyQueue(grill, now).perDeck.reduce((n, d) => n + d.new, 0);
      expect(total).toBeLessThanOrEqual(3);
      for (let guard = 0; guard < 50; guard++) {
        const next = nextEntry(dailyQueue(grill, now), now);
        if (next === null) break;
        const state = grill.state(next.cardKey);
        if (next.kind === 'learning' && state.due) now = Math.max(now, state.due);
        // One deliberate lapse: the first review card seen after day 30 is forgotten.
        const forget = lapsed === null && day >= 30 && next.kind === 'review';
        if (forget) lapsed = next.cardKey;
        const rating: Rating = forget ? 1 : 3;
        const result = grill.answer(next.cardKey, rating, now, { durationMs: 3000 });
        answers.push({ card: next.cardKey, day, queue: next.kind, rating, at: now, due: result.state.due });
        now += MINUTE;
      }
    }

    // Daily limit and file order for new cards.
    const introduced = answers.filter((a) => a.queue === 'new');
    expect(introduced.map((a) => a.card)).toEqual(Array.from({ length: CARDS }, (_, i) => `sim/c${i + 1}`));
    expect(introduced.map((a) => a.day)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);

    // Learning steps (1m 10m): a new card answered Good comes back after 10 minutes, then graduates to days.
    for (const card of introduced) {
      expect(card.due - card.at).toBe(10 * MINUTE);
      const second = answers.find((a) => a.card === card.card && a.at > card.at);
      expect(second?.queue).toBe('learning');
      expect((second?.due ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(DAY);
    }

    // Within a day, learning cards that are due come before anything else.
    for (let i = 1; i < answers.length; i++) {
      const [prev, cur] = [answers[i - 1], answers[i]];
      if (prev && cur && prev.day === cur.day && prev.due <= cur.at && prev.due - prev.at < DAY) {
        expect(cur.card, `day ${cur.day}`).toBe(prev.card);
      }
    }

    // Intervals grow with each successful review, and shrink after a lapse.
    for (let c = 1; c <= CARDS; c++) {
      const reviews = answers.filter((a) => a.card === `sim/c${c}` && a.queue === 'review');
      let previous = 0;
      for (const r of reviews) {
        const interval = r.due - r.at;
        if (r.card === lapsed && r.rating === 1) {
          expect(interval).toBeLessThan(previous);
          break;
        }
        expect(interval, `sim/c${c} on day ${r.day}`).toBeGreaterThan(previous);
        previous = interval;
      }
    }
    expect(lapsed).not.toBeNull();

    // Every answer is in the history, in order, and the derived state replays consistently.
    expect(history(grill)).toHaveLength(answers.length);
    expect(doctor(grill, false, start + 60 * DAY)).toMatchObject({ mismatched: [], invalid: [] });
    grill.close();
  });
});
