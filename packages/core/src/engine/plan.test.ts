import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grillWith } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';
import { plan } from './plan.js';

const CONTENT = fileURLToPath(new URL('../../../../content', import.meta.url));
const NOW = Date.parse('2026-12-01T09:00:00Z');
let grill: Grill;

beforeAll(() => {
  grill = grillWith({}, NOW).grill;
  importPaths(grill, [CONTENT], NOW);
  grill.ensureTimeZone(NOW, 'UTC');
});
afterAll(() => grill.close());

describe('grill plan toward an interview date', () => {
  it('paces new cards to be all seen before the review-only days and predicts recall on schedule; the same every time', () => {
    const p = plan(grill, NOW, { date: '2026-12-22' });
    const cards = p.total.cards;
    expect(p).toMatchObject({
      date: '2026-12-22',
      daysLeft: 21,
      reviewOnlyDays: 3,
      measured: false,
      target: 0.9,
    });
    expect(p.newPerDay).toBe(Math.ceil(cards / 18));
    expect(p.total).toMatchObject({ unseen: cards, recallIfStopped: 0, atRisk: 0 });
    expect(p.total.recallOnSchedule).toBeGreaterThan(0.9);
    expect(p.minutesPerDay).toBeGreaterThan(0);
    expect(p.peakMinutes).toBeGreaterThanOrEqual(p.minutesPerDay);
    expect(p.verdict).toMatch(/^On track: \d+ new cards and about \d+ min a day reach \d+% by 2026-12-22\.$/);
    expect(p.decks.map((d) => d.cards).reduce((a, b) => a + b, 0)).toBe(cards);
    expect(plan(grill, NOW, { date: '2026-12-22' })).toEqual(p);
  });

  it('says what a daily budget reaches and the minutes needed for the target', () => {
    const p = plan(grill, NOW, { date: '2026-12-22', minutes: 10 });
    expect(p.recallOnBudget).toBeLessThan(0.9);
    expect(p.minutesNeeded).toBeGreaterThan(10);
    expect(p.verdict).toBe(
      `At 10 min/day you reach ${Math.round((p.recallOnBudget as number) * 100)}%; ${p.minutesNeeded} min/day is needed for 90%.`,
    );
    const enough = plan(grill, NOW, { date: '2026-12-22', minutes: p.minutesNeeded as number });
    expect(enough.recallOnBudget).toBeGreaterThanOrEqual(0.9);
    const less = plan(grill, NOW, { date: '2026-12-22', minutes: (p.minutesNeeded as number) - 1 });
    expect(less.recallOnBudget).toBeLessThan(0.9);
  });

  it('says when the date is too close, and refuses bad or missing dates', () => {
    expect(plan(grill, NOW, { date: '2026-12-05' }).verdict).toMatch(
      /^Following the schedule you reach \d+% by 2026-12-05, short of the 90%/,
    );
    expect(() => plan(grill, NOW)).toThrow(/no interview date: set one with grill config set interview-date/);
    expect(() => plan(grill, NOW, { date: '2026-02-30' })).toThrow(
      'bad --date "2026-02-30": a date like 2026-12-15',
    );
    expect(() => plan(grill, NOW, { date: '2026-11-30' })).toThrow(/before today \(2026-12-01\)/);
    expect(() => plan(grill, NOW, { date: '2026-12-22', deck: 'nope' })).toThrow(/unknown deck "nope"/);
  });

  it('lists the weakest tags first, and follows one deck with --deck', () => {
    const p = plan(grill, NOW, { date: '2026-12-22' });
    for (let i = 1; i < p.tags.length; i++) {
      const [a, b] = [p.tags[i - 1], p.tags[i]] as const;
      if (a && b) expect(a.recallIfStopped <= b.recallIfStopped).toBe(true);
    }
    const sql = plan(grill, NOW, { date: '2026-12-22', deck: 'sql' });
    expect(sql.decks.map((d) => d.deck)).toEqual(['sql']);
    expect(sql.total.cards).toBe(p.decks.find((d) => d.deck === 'sql')?.cards);
  });
});
