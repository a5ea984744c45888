import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CARDS = 12;

interface Answer {
  card: string;
  day: number;
  queue: string;
  rating: string;
  at: number;
  due: number;
}

/**
 * Sixty days of daily sessions through the real CLI, with GRILL_NOW moving the clock: each day,
 * answer whatever `grill next` offers until nothing is due.
 */
describe('60 days of daily sessions', () => {
  it('respects limits, queue order and learning steps; intervals grow on success and shrink on lapse', () => {
    const home = tempDir('grill-sim-');
    const content = tempDir('grill-sim-content-');
    const cards = Array.from(
      { length: CARDS },
      (_, i) => `## Question ${i + 1}? {#c${i + 1}}\n\n### Answer\nA${i + 1}.\n`,
    );
    writeFileSync(path.join(content, 'sim.md'), `---\nid: sim\ntitle: Sim\n---\n\n${cards.join('\n')}`);
    const grill = (args: string[], at: number) => {
      const r = runGrill(args, { home, now: new Date(at).toISOString(), env: { GRILL_CONTENT: content } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const start = Date.parse('2026-03-02T08:00:00Z');
    grill(['config', 'set', 'new-per-day', '3'], start);

    const answers: Answer[] = [];
    let lapsed: string | null = null;
    for (let day = 0; day < 60; day++) {
      let now = start + day * DAY;
      const due = JSON.parse(grill(['due', '--json'], now));
      expect(due.total.new).toBeLessThanOrEqual(3);
      for (let guard = 0; guard < 50; guard++) {
        const next = JSON.parse(grill(['next', '--json'], now));
        if (next === null) break;
        if (next.queue === 'learning' && next.state.due) now = Math.max(now, Date.parse(next.state.due));
        // One deliberate lapse: the first review card seen after day 30 is forgotten.
        const forget = lapsed === null && day >= 30 && next.queue === 'review';
        if (forget) lapsed = next.key;
        const rating = forget ? 'again' : 'good';
        const result = JSON.parse(
          grill(['review', next.key, '--rating', rating, '--duration', '3000', '--json'], now),
        );
        answers.push({
          card: next.key,
          day,
          queue: next.queue,
          rating,
          at: now,
          due: Date.parse(result.due),
        });
        now += MINUTE;
      }
    }

    // Daily limit and file order for new cards.
    const introduced = answers.filter((a) => a.queue === 'new');
    expect(introduced.map((a) => a.card)).toEqual(Array.from({ length: CARDS }, (_, i) => `sim/c${i + 1}`));
    for (let day = 0; day < 60; day++)
      expect(introduced.filter((a) => a.day === day).length).toBeLessThanOrEqual(3);
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
        if (r.card === lapsed && r.rating === 'again') {
          expect(interval).toBeLessThan(previous);
          break;
        }
        expect(interval, `sim/c${c} on day ${r.day}`).toBeGreaterThan(previous);
        previous = interval;
      }
    }
    expect(lapsed).not.toBeNull();

    // Every answer is in the history, in order, and the derived state replays consistently.
    const history = JSON.parse(grill(['history', '--json'], start + 60 * DAY));
    expect(history).toHaveLength(answers.length);
    expect(JSON.parse(grill(['doctor', '--json'], start + 60 * DAY))).toMatchObject({
      mismatched: [],
      healthy: true,
    });
  }, 300_000);
});
