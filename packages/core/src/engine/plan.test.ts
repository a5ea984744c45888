import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grillWith } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';
import { plan } from './plan.js';
import { dailyQueue } from './queue.js';

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
    expect(p.verdict).toMatch(
      /^On track: \d+ new cards today and about \d+ min a day reach \d+(\.\d)?% by 2026-12-22\.$/,
    );
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

describe('grill plan says what actually happens', () => {
  it('gives the pace the queue offers (cap and floor included), and says when the cap holds it back', () => {
    const { grill: g } = grillWith({}, NOW);
    importPaths(g, [CONTENT], NOW);
    g.ensureTimeZone(NOW, 'UTC');
    g.setSetting('interview-date', '2026-12-10', NOW);
    g.setSetting('max-new-per-day', 30, NOW);
    const p = plan(g, NOW);
    const offered = dailyQueue(g, NOW).perDeck.reduce((n, d) => n + d.new, 0);
    expect(p.newPerDay).toBe(offered);
    expect(p.newPerDay).toBe(30);
    expect(p.newPerDayNeeded).toBe(Math.ceil(p.total.cards / 6));
    expect(p.notes.join('\n')).toContain(
      `max-new-per-day (30) holds new cards below the ${p.newPerDayNeeded} a day`,
    );
    // Far from the date, new-per-day is the floor.
    const far = plan(g, NOW, { date: '2027-06-01' });
    expect(far.newPerDay).toBe(20);
    expect(() => plan(g, NOW, { date: '2500-01-01' })).toThrow(/grill plan looks at most 730 days ahead/);
    g.close();
  });

  it('counts the reviews-per-day limit, and says when the final days need more', () => {
    const { grill: g } = grillWith({}, NOW);
    importPaths(g, [CONTENT], NOW);
    g.ensureTimeZone(NOW, 'UTC');
    g.setSetting('reviews-per-day', 60, NOW);
    const p = plan(g, NOW, { date: '2026-12-22' });
    expect(p.reviewsHeldBack).toBeGreaterThan(0);
    expect(p.peakReviews).toBeGreaterThan(60);
    expect(p.notes.join('\n')).toMatch(/fall due on one day, above reviews-per-day \(60\)/);
    g.close();
  });

  it('on a review-only day with unseen cards, names the way to see them; on the day itself, wishes luck', () => {
    const p = plan(grill, NOW, { date: '2026-12-03' });
    expect(p.reviewOnlyToday).toBe(true);
    expect(p.newPerDay).toBe(0);
    expect(p.notes[0]).toMatch(
      /review-only days: the \d+ cards never seen get no new-card slots\. grill drill --cram/,
    );
    expect(plan(grill, NOW, { date: '2026-12-01' }).verdict).toBe(
      'The interview is today (2026-12-01): good luck.',
    );
  });

  it('without a global date, names the decks that have their own', () => {
    const { grill: g } = grillWith({}, NOW);
    importPaths(g, [CONTENT], NOW);
    g.setSetting('interview-date', '2026-12-20', NOW, 'sql');
    expect(() => plan(g, NOW)).toThrow(/decks with their own: sql \(2026-12-20\): grill plan --deck sql/);
    expect(plan(g, NOW, { deck: 'sql' }).date).toBe('2026-12-20');
    g.close();
  });
});
