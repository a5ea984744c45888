import { afterEach, describe, expect, it } from 'vitest';
import { DAY, grillWith, HOUR, MINUTE, T0 } from '../test-support/fixtures.js';
import { Grill } from './grill.js';
import { history } from './history.js';
import { mockInterview } from './mock-interview.js';
import { mockHistory, mockReport } from './mock-report.js';

/** A deck of `n` open cards `o1..on` with three rubric points each, and one basic card. */
function openDeck(id: string, n: number): string {
  const cards = Array.from(
    { length: n },
    (_, i) =>
      `## Explain ${id} ${i + 1}? {#o${i + 1}}\nkind: open\n\n### Rubric\n- first ${i + 1}\n- second ${i + 1}\n- third ${i + 1}\n\n### Answer\nModel answer.\n`,
  );
  return `---\nid: ${id}\ntitle: Deck ${id}\n---\n\n${cards.join('\n')}\n## Basic? {#b1}\n\n### Answer\nNo.\n`;
}

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});
function setup(
  decks: Record<string, string> = { 'http.md': openDeck('http', 4), 'sql.md': openDeck('sql', 4) },
) {
  const { grill, home } = grillWith(decks);
  open.push(grill);
  grill.ensureTimeZone(T0, 'UTC');
  return { grill, home };
}
const keys = (grill: Grill, now: number, selection = {}) =>
  mockInterview(grill, now, selection).map((c) => c.key);

describe('mock interview questions', () => {
  it('are the open cards of the selection, each once, in an order fixed by the collection and now', () => {
    const { grill, home } = setup();
    const order = keys(grill, T0);
    expect([...order].sort()).toEqual([
      'http/o1',
      'http/o2',
      'http/o3',
      'http/o4',
      'sql/o1',
      'sql/o2',
      'sql/o3',
      'sql/o4',
    ]);
    expect(keys(grill, T0)).toEqual(order);
    // The same database opened again, the same moment: the same questions.
    grill.close();
    open = open.filter((g) => g !== grill);
    const reopened = Grill.open(home);
    open.push(reopened);
    expect(keys(reopened, T0)).toEqual(order);
    // Another moment, another draw (8! orders: a repeat over 5 draws would be a broken seed).
    const draws = new Set([1, 2, 3, 4, 5].map((i) => keys(reopened, T0 + i * MINUTE).join()));
    expect(draws.size).toBeGreaterThan(1);
    expect(keys(reopened, T0, { deck: 'sql' }).every((k) => k.startsWith('sql/'))).toBe(true);
    reopened.suspend('sql/o1', T0);
    expect(keys(reopened, T0)).not.toContain('sql/o1');
  });

  it('come weighted toward weak cards in weak topics: low recall, rubric points missed', () => {
    const { grill } = setup();
    // Every card answered twice, five days ago; sql's cards with every rubric point missed and
    // rated Again, http's with every point covered and rated Easy.
    const then = T0 - 5 * DAY;
    for (const deck of ['http', 'sql'])
      for (let i = 1; i <= 4; i++)
        for (const dt of [0, HOUR]) {
          const strong = deck === 'http';
          grill.answer(`${deck}/o${i}`, strong ? 4 : 1, then + dt, {
            detail: { covered: strong ? [0, 1, 2] : [] },
          });
        }
    const candidates = mockInterview(grill, T0);
    const sql = candidates.find((c) => c.key === 'sql/o1');
    const http = candidates.find((c) => c.key === 'http/o1');
    expect(sql?.missed).toBe(1);
    expect(http?.missed).toBe(0);
    expect(sql?.weakness).toBeGreaterThan(http?.weakness ?? 1);
    expect(sql?.topicWeakness).toBeGreaterThan(http?.topicWeakness ?? 1);
    expect(sql?.recent).toBe(false);
    // Over many moments, the first question is mostly a weak one; a strong one now and then.
    let weakFirst = 0;
    for (let i = 0; i < 200; i++) if (keys(grill, T0 + i * 7 * MINUTE)[0]?.startsWith('sql/')) weakFirst++;
    expect(weakFirst).toBeGreaterThan(180);
    expect(weakFirst).toBeLessThan(200);
  });

  it('keep cards answered in the last day for after every other card', () => {
    const { grill } = setup();
    grill.answer('sql/o1', 1, T0 - 2 * HOUR, { detail: { covered: [] } });
    grill.answer('sql/o2', 1, T0 - 25 * HOUR, { detail: { covered: [] } });
    for (let i = 0; i < 20; i++) {
      const order = keys(grill, T0 + i * MINUTE);
      expect(order.at(-1)).toBe('sql/o1');
    }
    expect(mockInterview(grill, T0).find((c) => c.key === 'sql/o2')?.recent).toBe(false);
  });
});

describe('mock interview report and history', () => {
  it('reports per topic the points covered, the time per answer and the points most often missed', () => {
    const { grill } = setup();
    // An earlier, ordinary answer missed http/o1's third point already.
    grill.answer('http/o1', 2, T0 - 3 * DAY, { detail: { covered: [0, 1] } });
    const session = T0;
    grill.answer('http/o1', 3, T0 + MINUTE, { durationMs: 60_000, detail: { covered: [0], mock: session } });
    grill.answer('http/o2', 4, T0 + 2 * MINUTE, {
      durationMs: 30_000,
      detail: { covered: [0, 1, 2], mock: session },
    });
    grill.answer('sql/o3', 1, T0 + 3 * MINUTE, {
      durationMs: 90_000,
      detail: { covered: [], mock: session },
    });
    // Another interview, an hour later; and an undone answer that counts nowhere.
    const next = T0 + HOUR;
    grill.answer('sql/o4', 3, next + MINUTE, { durationMs: 20_000, detail: { covered: [1], mock: next } });
    grill.answer('sql/o1', 3, next + 2 * MINUTE, {
      durationMs: 20_000,
      detail: { covered: [1], mock: next },
    });
    grill.undo(next + 3 * MINUTE);

    const report = mockReport(grill, session);
    expect(report).toMatchObject({ session, answers: 3, cards: 3, covered: 4, points: 9, timeMs: 180_000 });
    expect(report.topics.map((t) => t.topic)).toEqual(['http', 'sql']);
    const [http, sql] = report.topics;
    expect(http).toMatchObject({ answers: 2, covered: 4, points: 6, msPerAnswer: 45_000 });
    // http/o1's third point was missed twice (before and now), its second once.
    expect(http?.missed).toEqual([
      { card: 'http/o1', index: 2, point: 'third 1', timesMissed: 2 },
      { card: 'http/o1', index: 1, point: 'second 1', timesMissed: 1 },
    ]);
    expect(sql).toMatchObject({ answers: 1, covered: 0, points: 3, msPerAnswer: 90_000 });
    expect(sql?.missed).toHaveLength(3);

    expect(mockHistory(grill)).toEqual([
      {
        session: next,
        startedAt: new Date(next).toISOString(),
        started: '2026-03-02 10:00',
        answers: 1,
        cards: 1,
        covered: 1,
        points: 3,
        timeMs: 20_000,
      },
      expect.objectContaining({ session, answers: 3, covered: 4, points: 9 }),
    ]);
    // The marker is in the answer's detail, as recorded.
    expect(history(grill, 'sql/o3')[0]?.detail).toEqual({ covered: [], mock: session });
  });
});
