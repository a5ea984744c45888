import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewRatings } from '../scheduler/card-state.js';
import type { Rating } from '../scheduler/events.js';
import { DAY, grillWith, MINUTE } from '../test-support/fixtures.js';
import { examStatus } from './exam-status.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';
import { dailyQueue, nextEntry } from './queue.js';

const CONTENT = fileURLToPath(new URL('../../../../content', import.meta.url));
const START = Date.parse('2026-12-01T08:00:00Z');
const INTERVIEW = '2026-12-22';
const INTERVIEW_MORNING = Date.parse('2026-12-22T04:00:00Z');

interface Answer {
  card: string;
  day: number;
  kind: string;
  due: number;
}

/** Answers everything due, day by day, from START until (not including) the interview day. */
function studyUntilInterview(grill: Grill, days: number): Answer[] {
  const answers: Answer[] = [];
  for (let day = 0; day < days; day++) {
    let now = START + day * DAY;
    for (let guard = 0; guard < 2000; guard++) {
      const next = nextEntry(dailyQueue(grill, now), now);
      if (next === null) break;
      if (next.kind === 'learning') now = Math.max(now, next.due);
      // A user who mostly remembers: every 9th answer forgotten, every 7th hard.
      const rating: Rating = answers.length % 9 === 4 ? 1 : answers.length % 7 === 3 ? 2 : 3;
      const { state } = grill.answer(next.cardKey, rating, now, { durationMs: 8000 });
      answers.push({ card: next.cardKey, day, kind: next.kind, due: state.due });
      now += 20_000;
    }
  }
  return answers;
}

describe('exam mode: pacing toward an interview date', () => {
  it('the bundled cards (550+), interview 21 days ahead: all seen before the review-only days, none due after the date, each reviewed in the final days', () => {
    const { grill } = grillWith({}, START);
    importPaths(grill, [CONTENT], START);
    grill.ensureTimeZone(START, 'UTC');
    grill.setSetting('interview-date', INTERVIEW, START);
    const cards = grill.cardCounts().reduce((n, c) => n + c.n, 0);
    expect(cards).toBeGreaterThanOrEqual(550);
    // Every card once in the three review-only days takes more than the default 200 reviews a
    // day: grill due says so, and this user raises the limit as it advises.
    const status = examStatus(grill, START);
    expect(status).toMatchObject({
      reviewsNeeded: Math.ceil(cards / 3),
      reviewLimit: 200,
      reviewLimitAdvised: Math.ceil(Math.ceil(cards / 3) * 1.25),
    });
    grill.setSetting('reviews-per-day', status?.reviewLimitAdvised ?? 0, START);

    const answers = studyUntilInterview(grill, 21);
    const reviewFrom = 21 - 3;
    const firstSeen = new Map<string, number>();
    for (const a of answers) if (!firstSeen.has(a.card)) firstSeen.set(a.card, a.day);
    // Every card introduced, all before the three review-only days.
    expect(firstSeen.size).toBe(cards);
    expect(Math.max(...firstSeen.values())).toBeLessThan(reviewFrom);
    // The pace is spread evenly: no day introduces more than ceil(cards / 18) + 1.
    const perDay = new Map<number, number>();
    for (const a of answers) if (a.kind === 'new') perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(Math.ceil(cards / reviewFrom) + 1);
    // No card is due after the interview day; every card is reviewed at least once in the final days.
    for (const key of firstSeen.keys()) {
      expect(grill.state(key).due, key).toBeLessThan(INTERVIEW_MORNING + DAY);
      expect(
        answers.some((a) => a.card === key && a.day >= reviewFrom),
        `${key} reviewed in the final days`,
      ).toBe(true);
    }
    // Spread over the final days, not piled on the last one.
    const finalDays = [18, 19, 20].map((d) => answers.filter((a) => a.day === d).length);
    for (const n of finalDays) expect(n).toBeGreaterThan(cards / 6);
    // After the date, scheduling is back to normal: a Good review gives a long interval again.
    const after = INTERVIEW_MORNING + 2 * DAY;
    const key = [...firstSeen.keys()][0] as string;
    const { state } = grill.answer(key, 3, after);
    expect(state.due - after).toBeGreaterThan(3 * DAY);
    grill.close();
  }, 120_000);

  it('shortens an interval that would pass the date, keeps Hard ≤ Good ≤ Easy, and the preview is what is given', () => {
    const deck = `---\nid: d\ntitle: D\n---\n\n## One? {#one}\n\n### Answer\nA.\n`;
    const { grill } = grillWith({ 'd.md': deck }, START);
    grill.ensureTimeZone(START, 'UTC');
    // Learn the card, then review it with a long interval.
    let now = START;
    for (const rating of [3, 3, 4] as Rating[]) {
      const { state } = grill.answer('d/one', rating, now);
      now = Math.max(now + MINUTE, state.due);
    }
    const natural = previewRatings(grill.state('d/one'), now, grill.settings('d'));
    expect(natural[3] - now).toBeGreaterThan(10 * DAY);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // The interview in 9 days (UTC, rollover 4:00): the review-only days are the 3 before it.
    const morning = Date.parse(`${day(now - 4 * 3_600_000)}T04:00:00Z`);
    grill.setSetting('interview-date', day(morning + 9 * DAY), now - 1);
    const exam = previewRatings(grill.state('d/one'), now, grill.settings('d'));
    const finalDays = [6, 7, 8].map((n) => day(morning + n * DAY));
    for (const r of [2, 3, 4] as const) expect(finalDays).toContain(day(exam[r]));
    expect(exam[2]).toBeLessThanOrEqual(exam[3]);
    expect(exam[3]).toBeLessThanOrEqual(exam[4]);
    const { state } = grill.answer('d/one', 3, now);
    expect(state.due).toBe(exam[3]);
    grill.close();
  });
});
