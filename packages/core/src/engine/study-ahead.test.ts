import { afterEach, describe, expect, it } from 'vitest';
import { retrievability } from '../scheduler/card-state.js';
import { DAY, deckText, grillWith, HOUR, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { dailyQueue } from './queue.js';
import { aheadCards, cramCards } from './study-ahead.js';

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});
function setup() {
  const extra = '\n## Tagged? {#t1}\ntags: sql\n\n### Answer\nYes.\n';
  const { grill } = grillWith({ 'a.md': deckText('a', 4, 1, extra), 'b.md': deckText('b', 2) });
  open.push(grill);
  grill.ensureTimeZone(T0, 'UTC');
  return grill;
}

describe('cram', () => {
  it('takes every active card of the selection once, due or not, weakest first, never suspended ones', () => {
    const grill = setup();
    // a/c1 answered Easy (strong, not due for days), a/c2 Again (weak, in learning), a/c3 suspended.
    grill.answer('a/c1', 4, T0);
    grill.answer('a/c2', 1, T0);
    grill.suspend('a/c3', T0);
    const now = T0 + 2 * DAY;
    const all = cramCards(grill, now);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect(all).not.toContain('a/c3');
    // Never answered count as 0 recall (file order among them), then a/c2, then the strong a/c1.
    expect(all).toEqual(['a/c4', 'a/t1', 'b/c1', 'b/c2', 'a/c2', 'a/c1']);
    // a/c1 is not due yet: the daily queue would not show it.
    expect(grill.state('a/c1').due).toBeGreaterThan(now + DAY);
    expect(dailyQueue(grill, now).entries.map((e) => e.cardKey)).not.toContain('a/c1');
    expect(cramCards(grill, now, { deck: 'b' })).toEqual(['b/c1', 'b/c2']);
    expect(cramCards(grill, now, { tag: 'sql' })).toEqual(['a/t1']);
    expect(cramCards(grill, now, { deck: 'b', tag: 'sql' })).toEqual([]);
  });
});

describe('study ahead', () => {
  it('takes the cards due in the next N days and not yet, lowest recall first', () => {
    const grill = setup();
    // a/c2 answered Easy three days ago (recall below 1 now), a/c1 today (Good twice: in review),
    // b/c1 once (a learning step due later today: today's, not ahead).
    grill.answer('a/c2', 4, T0 - 3 * DAY);
    grill.answer('a/c1', 3, T0);
    grill.answer('a/c1', 3, T0 + HOUR);
    grill.answer('b/c1', 3, T0 + 11 * HOUR);
    const now = T0 + 12 * HOUR;
    const due = (key: string) => grill.state(key).due;
    const tomorrow = Date.parse('2026-03-03T04:00:00Z'); // the default rollover hour is 4
    const within = (days: number) =>
      ['a/c1', 'a/c2', 'b/c1'].filter((k) => due(k) >= tomorrow && due(k) < tomorrow + days * DAY);
    for (const days of [1, 3, 7, 30]) {
      const ahead = aheadCards(grill, now, days);
      expect(new Set(ahead), `${days} days`).toEqual(new Set(within(days)));
      // Lowest retrievability first.
      const recalls = ahead.map((k) => retrievability(grill.state(k), now, grill.settings()));
      expect(recalls).toEqual([...recalls].sort((a, b) => a - b));
    }
    expect(aheadCards(grill, now, 365)).toEqual(['a/c2', 'a/c1']);
    expect(grill.state('a/c2').due).toBeGreaterThan(grill.state('a/c1').due);
    // Never a card due today (it is in the daily queue) or a new one.
    const today = dailyQueue(grill, now).entries.map((e) => e.cardKey);
    for (const key of aheadCards(grill, now, 365)) expect(today).not.toContain(key);
    expect(aheadCards(grill, now, 365, { deck: 'b' }).every((k) => k.startsWith('b/'))).toBe(true);
    grill.suspend('a/c2', now);
    expect(aheadCards(grill, now, 365)).not.toContain('a/c2');
  });
});
