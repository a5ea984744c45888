import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const DAY = 86_400_000;

/**
 * `grill plan --json` against an independent computation: a history made through the CLI with
 * GRILL_NOW, read back with `grill history --json`, and replayed with ts-fsrs directly (days are
 * UTC dates from midnight: the collection is set to UTC with rollover 0, so grill's days are them).
 */
describe('grill plan', () => {
  it('predicts recall on the morning of the date as ts-fsrs does from the same answers', async () => {
    const home = tempDir('grill-plan-');
    const content = tempDir('grill-plan-content-');
    const deck = (id: string, n: number) =>
      `---\nid: ${id}\ntitle: ${id}\ntags: [${id}-tag]\n---\n\n${Array.from(
        { length: n },
        (_, i) => `## Question ${i + 1}? {#c${i + 1}}\n\n### Answer\nA${i + 1}.\n`,
      ).join('\n')}`;
    writeFileSync(path.join(content, 'a.md'), deck('a', 4));
    writeFileSync(path.join(content, 'b.md'), deck('b', 3));
    const start = Date.parse('2026-12-01T10:00:00Z');
    const run = async (args: string[], at: number) => {
      const r = await grill(args, { home, now: new Date(at).toISOString(), env: { GRILL_CONTENT: content } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    await run(['config', 'set', 'time-zone', 'UTC'], start);
    await run(['config', 'set', 'rollover-hour', '0'], start);
    // A generated history: cards answered on several days, with lapses and hard answers.
    const script: [string, number, string][] = [
      ['a/c1', 0, 'good'],
      ['a/c1', 0.01, 'good'],
      ['a/c1', 3, 'good'],
      ['a/c2', 0, 'easy'],
      ['a/c2', 5, 'again'],
      ['a/c2', 5.01, 'good'],
      ['a/c3', 1, 'hard'],
      ['a/c3', 1.01, 'good'],
      ['b/c1', 2, 'good'],
      ['b/c1', 2.01, 'good'],
      ['b/c1', 6, 'hard'],
    ];
    for (const [card, day, rating] of script)
      await run(['review', card, '--rating', rating], start + day * DAY);
    const now = start + 7 * DAY;
    await run(['config', 'set', 'interview-date', '2026-12-20'], now);
    const plan = JSON.parse(await run(['plan', '--json'], now));
    expect(plan).toMatchObject({ date: '2026-12-20', daysLeft: 12 });

    // Independently: each card's answers replayed with ts-fsrs, retrievability on 2026-12-20 00:00 UTC.
    const history: { card: string; at: string; rating: Grade }[] = JSON.parse(
      await run(['history', '--json'], now),
    );
    const f = fsrs(generatorParameters({ enable_short_term: true, enable_fuzz: false }));
    const cards = new Map<string, Card>();
    for (const h of history) {
      const at = new Date(h.at);
      const card: Card = cards.get(h.card) ?? createEmptyCard(at);
      cards.set(h.card, f.next(card, at, h.rating).card);
    }
    // Elapsed days as ts-fsrs's scheduler counts them (between calendar dates; its
    // get_retrievability counts 24-hour spans instead, a day short for a review later in its day).
    const morning = Date.parse('2026-12-20T00:00:00Z');
    const recall = (key: string) => {
      const card = cards.get(key);
      if (!card?.last_review) return 0;
      const days = (morning - Date.parse(card.last_review.toISOString().slice(0, 10))) / DAY;
      return f.forgetting_curve(days, +card.stability.toFixed(8));
    };
    const expected = (id: string, n: number) => {
      const keys = Array.from({ length: n }, (_, i) => `${id}/c${i + 1}`);
      const rs = keys.map(recall);
      return {
        deck: id,
        cards: n,
        unseen: keys.filter((k) => !cards.has(k)).length,
        recallIfStopped: rs.reduce((a, b) => a + b, 0) / n,
        atRisk: keys.filter((k) => cards.has(k) && recall(k) < 0.9).length,
      };
    };
    for (const [id, n] of [
      ['a', 4],
      ['b', 3],
    ] as const) {
      const got = plan.decks.find((d: { deck: string }) => d.deck === id);
      const want = expected(id, n);
      expect(got).toMatchObject({ deck: id, cards: n, unseen: want.unseen, atRisk: want.atRisk });
      expect(got.recallIfStopped).toBeCloseTo(want.recallIfStopped, 6);
      expect(got.recallOnSchedule).toBeGreaterThan(got.recallIfStopped);
      expect(got.recallOnSchedule).toBeLessThanOrEqual(1);
    }
    // Tags too, weakest first; and the fields the issue promises.
    expect(plan.tags.map((t: { tag: string }) => t.tag).sort()).toEqual(['a-tag', 'b-tag']);
    for (const field of ['date', 'daysLeft', 'newPerDay', 'minutesPerDay', 'decks', 'verdict'])
      expect(plan).toHaveProperty(field);
    expect(await run(['plan'], now)).toMatch(
      /^Interview 2026-12-20, in 12 days \(the last 3 days for review only\)\./,
    );
  }, 60_000);
});
