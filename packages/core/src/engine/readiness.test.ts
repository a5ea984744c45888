import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { readiness } from './readiness.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

describe('readiness for an interview date', () => {
  it('predicts recall on the morning of the date with the FSRS forgetting curve; unseen cards count 0', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 4) });
    open.push(grill);
    // Two cards answered Good once, on day 0 (UTC, rollover 4:00): first reviews, stability S0(Good).
    grill.answer('d/c1', 3, T0);
    grill.answer('d/c2', 3, T0 + 60_000);
    const r = readiness(grill, '2026-03-12', T0 + DAY);
    expect(r).toMatchObject({ date: '2026-03-12', daysLeft: 9, morning: Date.parse('2026-03-12T04:00:00Z') });
    // Independently: ts-fsrs's own retrievability of a card reviewed Good once, 10 days later.
    const f = fsrs(generatorParameters({ enable_short_term: true }));
    const card = f.next(
      createEmptyCard(new Date('2026-03-02T00:00:00Z')),
      new Date('2026-03-02T00:00:00Z'),
      3,
    ).card;
    const expected = f.get_retrievability(card, new Date('2026-03-12T00:00:00Z'), false) as number;
    const [deck] = r.decks;
    expect(deck).toMatchObject({ deck: 'd', cards: 4, unseen: 2 });
    expect(deck?.recallIfStopped).toBeCloseTo((2 * expected) / 4, 6);
    // 0.9 retention: ten days past a first Good review, recall has fallen below it.
    expect(expected).toBeLessThan(0.9);
    expect(deck?.atRisk).toBe(2);
  });

  it('has no cards at risk the morning after a review, and refuses a date already past', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(grill);
    grill.answer('d/c1', 3, T0);
    expect(readiness(grill, '2026-03-03', T0).decks[0]).toMatchObject({ atRisk: 0, unseen: 0 });
    expect(readiness(grill, '2026-03-02', T0).daysLeft).toBe(0);
    expect(() => readiness(grill, '2026-03-01', T0)).toThrow(/before today \(2026-03-02\)/);
  });
});
