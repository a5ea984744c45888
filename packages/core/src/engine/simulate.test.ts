import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rating } from '../scheduler/events.js';
import { DAY, grillWith } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';
import { dailyQueue, nextEntry } from './queue.js';
import { simulate } from './simulate.js';

const CONTENT = fileURLToPath(new URL('../../../../content', import.meta.url));
const START = Date.parse('2026-10-01T08:00:00Z');
const NOW = START + 30 * DAY;
let grill: Grill;

/** A generated collection: the bundled decks, studied every day for 30 days (every 8th answer Again). */
beforeAll(() => {
  grill = grillWith({}, START).grill;
  importPaths(grill, [CONTENT], START);
  grill.ensureTimeZone(START, 'UTC');
  let n = 0;
  for (let day = 0; day < 30; day++) {
    let now = START + day * DAY;
    for (let guard = 0; guard < 500; guard++) {
      const next = nextEntry(dailyQueue(grill, now), now);
      if (!next) break;
      if (next.kind === 'learning') now = Math.max(now, next.due);
      const rating: Rating = n++ % 8 === 5 ? 1 : n % 5 === 0 ? 2 : 3;
      grill.answer(next.cardKey, rating, now, { durationMs: 12_000 });
      now += 30_000;
    }
  }
}, 120_000);
afterAll(() => grill.close());

describe('grill simulate', () => {
  it('is deterministic for a seed; lower retention gives fewer reviews a day and fewer cards remembered', () => {
    const a = simulate(grill, NOW, { days: 30 });
    expect(simulate(grill, NOW, { days: 30 })).toEqual(a);
    expect(a.results.map((r) => r.retention)).toEqual([0.8, 0.85, 0.9, 0.95]);
    for (let i = 1; i < a.results.length; i++) {
      const [lower, higher] = [a.results[i - 1], a.results[i]];
      if (!lower || !higher) continue;
      expect(lower.reviewsPerDay, `${lower.retention} vs ${higher.retention}`).toBeLessThan(
        higher.reviewsPerDay,
      );
      expect(lower.remembered).toBeLessThanOrEqual(higher.remembered);
    }
    // Answers take this user's own time (12 s): minutes follow from the answers.
    for (const r of a.results) {
      const answers = r.perDay.reduce((x, y) => x + y, 0) / r.perDay.length;
      expect(r.minutesPerDay).toBeCloseTo((answers * 12) / 60, 0);
    }
    // Another seed is another equally likely run.
    expect(simulate(grill, NOW, { days: 30, seed: 1 })).not.toEqual(a);
  });

  it('says how many reviews the daily limit leaves waiting at the end (none when it never binds)', () => {
    expect(simulate(grill, NOW, { days: 30 }).results.every((r) => r.backlog === 0)).toBe(true);
    grill.setSetting('reviews-per-day', 5, NOW - 1);
    try {
      const capped = simulate(grill, NOW, { days: 30 }).results;
      for (const r of capped) {
        expect(r.reviewsPerDay).toBeLessThanOrEqual(5);
        expect(r.backlog).toBeGreaterThan(0);
      }
    } finally {
      grill.unsetSetting('reviews-per-day', NOW);
    }
  });

  it('refuses options out of range, naming them', () => {
    expect(() => simulate(grill, NOW, { retentions: [0.5] })).toThrow('bad --retention "0.5"');
    expect(() => simulate(grill, NOW, { days: 0 })).toThrow(/bad --days "0"/);
    expect(() => simulate(grill, NOW, { newPerDay: -1 })).toThrow(/bad --new-per-day "-1"/);
  });
});
