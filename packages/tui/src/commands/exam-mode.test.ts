import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Exam mode through the command line, with GRILL_NOW moving the clock: a user who answers
 * whatever `grill next` offers each day until the interview. (The 415 bundled cards over 21 days
 * run through the engine: packages/core/src/engine/exam-mode.test.ts.)
 */
describe('exam mode through the command line', () => {
  it('30 cards, interview in 10 days: all seen before the review-only days, none due after the date, each reviewed in the final days', async () => {
    const home = tempDir('grill-exam-');
    const content = tempDir('grill-exam-content-');
    const cards = Array.from(
      { length: 30 },
      (_, i) => `## Question ${i + 1}? {#c${i + 1}}\n\n### Answer\nA${i + 1}.\n`,
    );
    writeFileSync(path.join(content, 'exam.md'), `---\nid: exam\ntitle: Exam\n---\n\n${cards.join('\n')}`);
    const run = async (args: string[], at: number) => {
      const r = await grill(args, { home, now: new Date(at).toISOString(), env: { GRILL_CONTENT: content } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const start = Date.parse('2026-12-01T09:00:00Z');
    await run(['config', 'set', 'time-zone', 'UTC'], start);
    await run(['config', 'set', 'new-per-day', '2'], start);
    await run(['config', 'set', 'interview-date', '2026-12-11'], start);
    const plan = JSON.parse(await run(['plan', '--json'], start));
    expect(plan).toMatchObject({ daysLeft: 10, newPerDay: 5 }); // 30 cards over the 7 days before the last 3
    const seen: { day: number; card: string; queue: string; due: number; shown: number }[] = [];
    for (let day = 0; day < 10; day++) {
      let now = start + day * DAY;
      const due = JSON.parse(await run(['due', '--json'], now));
      // The pace, from the cards still unseen: every one of them before the 3 review-only days.
      const unseen = 30 - new Set(seen.map((s) => s.card)).size;
      expect(due.total.new, `day ${day}`).toBe(day < 7 ? Math.ceil(unseen / (7 - day)) : 0);
      for (let guard = 0; guard < 60; guard++) {
        const next = JSON.parse(await run(['next', '--json'], now));
        if (next === null) break;
        if (next.queue === 'learning' && next.state.due) now = Math.max(now, Date.parse(next.state.due));
        const shown = JSON.parse(await run(['next', '--json'], now));
        const result = JSON.parse(await run(['review', next.key, '--rating', 'good', '--json'], now));
        seen.push({
          day,
          card: next.key,
          queue: next.queue,
          due: Date.parse(result.due),
          shown: Date.parse(shown.intervals.good.due),
        });
        now += MINUTE;
      }
    }
    const interviewEnd = Date.parse('2026-12-12T04:00:00Z');
    const keys = new Set(seen.map((s) => s.card));
    expect(keys.size).toBe(30);
    for (const s of seen) {
      expect(s.due, `${s.card} on day ${s.day}`).toBeLessThan(interviewEnd);
      expect(s.due, 'the interval shown is the interval given').toBe(s.shown);
    }
    expect(Math.max(...seen.filter((s) => s.queue === 'new').map((s) => s.day))).toBeLessThan(7);
    for (const key of keys)
      expect(
        seen.some((s) => s.card === key && s.day >= 7),
        key,
      ).toBe(true);
  }, 120_000);
});

describe('grill due in exam mode', () => {
  it('says when the review-only days need more reviews a day than the limit allows, and what to set', async () => {
    const home = tempDir('grill-exam-');
    const content = tempDir('grill-exam-content-');
    const cards = Array.from({ length: 7 }, (_, i) => `## Q${i + 1}? {#c${i + 1}}\n\n### Answer\nA.\n`);
    writeFileSync(path.join(content, 'exam.md'), `---\nid: exam\ntitle: Exam\n---\n\n${cards.join('\n')}`);
    const run = (args: string[]) =>
      grill(args, { home, now: '2026-12-01T09:00:00Z', env: { GRILL_CONTENT: content } });
    await run(['config', 'set', 'interview-date', '2026-12-11']);
    const hint =
      /need at least (\d+) reviews a day .* the limit is (\d+) \(grill config set reviews-per-day (\d+)\)/;
    expect((await run(['due'])).stdout).not.toMatch(hint);
    await run(['config', 'set', 'reviews-per-day', '2']);
    // 7 cards over the 3 review-only days: at least 3 a day; a quarter more to set.
    expect((await run(['due'])).stdout.match(hint)?.slice(1)).toEqual(['3', '2', '4']);
    expect(JSON.parse((await run(['due', '--json'])).stdout).exam).toMatchObject({
      reviewsNeeded: 3,
      reviewLimit: 2,
      reviewLimitAdvised: 4,
    });
  });
});
