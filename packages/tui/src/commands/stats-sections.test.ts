import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const DAY = 86_400_000;

const DECK = `---
id: dbg
title: Debugging
tags: [debugging]
---

## The API returns 500 after a deploy. How do you debug it? {#500}
kind: open
tags: logs

### Rubric
- Read the logs first
- Spot the missing environment variable
- Roll back, then fail fast at start-up

### Answer
Read the logs; a config value is missing.

## A query got slow. Where do you start? {#slow}
kind: open

### Rubric
- Run EXPLAIN
- Check for a missing index

### Answer
EXPLAIN it.
`;

describe('grill stats: weak spots and readiness history', () => {
  it('counts the rubric points missed in answers in effect, and shows how readiness moved day by day', async () => {
    const home = tempDir('grill-weak-');
    const content = tempDir('grill-weak-content-');
    writeFileSync(path.join(content, 'dbg.md'), DECK);
    const start = Date.parse('2026-12-01T10:00:00Z');
    const run = async (args: string[], at: number) => {
      const r = await grill(args, { home, now: new Date(at).toISOString(), env: { GRILL_CONTENT: content } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    await run(['config', 'set', 'interview-date', '2026-12-20'], start);
    // Point 2 of dbg/500 missed twice, point 3 once; dbg/slow's point 2 missed once (its only answer: a higher rate). An undone answer does not count.
    await run(['review', 'dbg/500', '--rating', 'hard', '--covered', '1'], start);
    await run(['review', 'dbg/slow', '--rating', 'good', '--covered', '1'], start + 60_000);
    await run(['review', 'dbg/500', '--rating', 'again', '--covered', '3'], start + 2 * DAY);
    await run(['undo'], start + 2 * DAY + 1000);
    await run(['review', 'dbg/500', '--rating', 'good', '--covered', '1,3'], start + 3 * DAY);
    const now = start + 4 * DAY;
    const stats = JSON.parse(await run(['stats', '--json'], now));
    expect(
      stats.weakSpots.points.map((p: { card: string; index: number; missed: number; answers: number }) => [
        p.card,
        p.index,
        p.missed,
        p.answers,
      ]),
    ).toEqual([
      ['dbg/500', 1, 2, 2],
      ['dbg/slow', 1, 1, 1],
      ['dbg/500', 2, 1, 2],
    ]);
    expect(stats.weakSpots.points[0].point).toBe('Spot the missing environment variable');
    expect(stats.weakSpots.decks).toEqual([{ name: 'dbg', points: 8, missed: 4, rate: 0.5 }]);
    expect(stats.weakSpots.tags.map((t: { name: string }) => t.name)).toEqual(['debugging', 'logs']);

    // Readiness: nothing studied before day 0, then recall on the interview morning as of each day's end.
    const history: { date: string; recall: number }[] = stats.readiness.history;
    expect(stats.readiness).toMatchObject({ date: '2026-12-20', daysLeft: 15 });
    // From the day of the first answer (no days before the collection had any), to today.
    expect(history.map((d) => d.date)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
    const byDate = new Map(history.map((d) => [d.date, d.recall]));
    expect(byDate.get('2026-12-01')).toBeGreaterThan(0);
    // The review on day 3 raised it; the undone one on day 2 did not change it.
    expect(byDate.get('2026-12-03')).toBe(byDate.get('2026-12-02'));
    expect(byDate.get('2026-12-04') ?? 0).toBeGreaterThan(byDate.get('2026-12-03') ?? 0);
    const text = await run(['stats'], now);
    expect(text).toMatch(
      /readiness {3}\d+% [▁-█]{5} \d+% {2}predicted recall on 2026-12-20 \(in 15 days\), over the last 5 days/,
    );
    expect(text).toContain('  2/2  dbg/500: Spot the missing environment variable');
  }, 60_000);
});
