import { afterEach, describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, HOUR, MINUTE, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { dailyQueue, nextEntry } from './queue.js';

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});
function setup(decks: Record<string, string>) {
  const { grill } = grillWith(decks);
  open.push(grill);
  return grill;
}
const keys = (grill: Grill, now: number, filter = {}) =>
  dailyQueue(grill, now, filter).entries.map((e) => e.cardKey);

describe('daily queue', () => {
  it('introduces new cards in file order, round-robin across decks, within the daily limit', () => {
    const grill = setup({ 'a.md': deckText('a', 30), 'b.md': deckText('b', 30) });
    const q = keys(grill, T0);
    expect(q).toHaveLength(20);
    expect(q.slice(0, 4)).toEqual(['a/c1', 'b/c1', 'a/c2', 'b/c2']);
  });

  it('keeps new cards round-robin across decks when the queue is asked again after each answer', () => {
    const grill = setup({ 'a.md': deckText('a', 30), 'b.md': deckText('b', 30), 'c.md': deckText('c', 30) });
    const introduced: string[] = [];
    let now = T0;
    for (let i = 0; i < 7; i++) {
      const head = dailyQueue(grill, now).entries.find((e) => e.kind === 'new');
      if (!head) break;
      introduced.push(head.cardKey);
      grill.answer(head.cardKey, 4, now);
      now += MINUTE;
    }
    expect(introduced).toEqual(['a/c1', 'b/c1', 'c/c1', 'a/c2', 'b/c2', 'c/c2', 'a/c3']);
  });

  it('a deck whose own interview date has passed is back to the usual limits, not paced on top of them', () => {
    const grill = setup({ 'a.md': deckText('a', 30), 'b.md': deckText('b', 30) });
    grill.setSetting('interview-date', '2026-02-01', T0, 'a');
    expect(keys(grill, T0).filter((k) => k)).toHaveLength(20);
    grill.setSetting('interview-date', '2026-03-12', T0, 'a');
    // Ahead: deck a paced (30 cards over the 7 days before its 3 review-only days: 5) on top of the global 20.
    expect(keys(grill, T0)).toHaveLength(25);
  });

  it('honours per-deck and global new-card limits, counting what was introduced today', () => {
    const grill = setup({ 'a.md': deckText('a', 30), 'b.md': deckText('b', 30) });
    grill.setSetting('new-per-day', 3, T0, 'a');
    grill.setSetting('new-per-day', 5, T0);
    expect(keys(grill, T0)).toEqual(['a/c1', 'b/c1', 'a/c2', 'b/c2', 'a/c3']);
    grill.answer('a/c1', 4, T0);
    grill.answer('b/c1', 4, T0);
    const after = dailyQueue(grill, T0 + MINUTE);
    expect(after.entries.filter((e) => e.kind === 'new').map((e) => e.cardKey)).toEqual([
      'a/c2',
      'b/c2',
      'a/c3',
    ]);
    // Next day, the limits reset.
    expect(dailyQueue(grill, T0 + DAY).entries.filter((e) => e.kind === 'new')).toHaveLength(5);
  });

  it('puts due learning cards first, then reviews with new cards spread among them', () => {
    const grill = setup({ 'a.md': deckText('a', 12) });
    // Six cards graduate to review with Easy; one stays in learning with Again.
    for (let i = 1; i <= 6; i++) grill.answer(`a/c${i}`, 4, T0);
    const later = T0 + 40 * DAY;
    grill.answer('a/c7', 1, later - 5 * MINUTE);
    const q = dailyQueue(grill, later);
    expect(q.entries[0]).toMatchObject({ cardKey: 'a/c7', kind: 'learning' });
    const kinds = q.entries
      .slice(1)
      .map((e) => e.kind[0])
      .join('');
    expect(kinds.replace(/n/g, '')).toBe('rrrrrr');
    expect(kinds).not.toMatch(/^n|nn/); // new cards are spread among reviews, not bunched
  });

  it('orders due reviews by lowest retrievability first', () => {
    const grill = setup({ 'a.md': deckText('a', 3) });
    grill.setSetting('new-per-day', 0, T0);
    grill.answer('a/c1', 4, T0);
    grill.answer('a/c2', 4, T0 + 5 * DAY);
    grill.answer('a/c3', 4, T0 + 2 * DAY);
    const q = dailyQueue(grill, T0 + 60 * DAY).entries.map((e) => e.cardKey);
    expect(q).toEqual(['a/c1', 'a/c3', 'a/c2']);
  });

  it('a tag brings its new cards however late in the deck they stand (the daily cap counts tagged cards)', () => {
    const late = Array.from(
      { length: 3 },
      (_, i) => `## Late ${i}? {#late${i}}\ntags: joins\n\n### Answer\nLate ${i}.\n`,
    ).join('\n');
    const grill = setup({ 'a.md': deckText('a', 25, 1, `\n${late}`) });
    expect(dailyQueue(grill, T0, { tag: 'joins' }).entries.map((e) => e.cardKey)).toEqual([
      'a/late0',
      'a/late1',
      'a/late2',
    ]);
    expect(
      dailyQueue(grill, T0, { keys: new Set(['a/late2', 'a/c1']) }).entries.map((e) => e.cardKey),
    ).toEqual(['a/c1', 'a/late2']);
    // Without a filter the first 20 of the deck are today's new cards.
    expect(dailyQueue(grill, T0).entries).toHaveLength(20);
  });

  it('skips suspended and buried cards; buried ones return the next day', () => {
    const grill = setup({ 'a.md': deckText('a', 3) });
    grill.suspend('a/c1', T0);
    grill.bury('a/c2', T0);
    expect(keys(grill, T0)).toEqual(['a/c3']);
    expect(keys(grill, T0 + DAY)).toEqual(['a/c2', 'a/c3']);
    grill.unsuspend('a/c1', T0 + DAY);
    expect(keys(grill, T0 + DAY)).toEqual(['a/c1', 'a/c2', 'a/c3']);
  });

  it('filters by deck and by tag', () => {
    const grill = setup({
      'a.md': deckText('a', 2),
      'b.md': deckText('b', 2, 1, '\n## Tagged? {#t}\ntags: special\n\n### Answer\nx\n'),
    });
    expect(keys(grill, T0, { deck: 'b' })).toEqual(['b/c1', 'b/c2', 'b/t']);
    expect(keys(grill, T0, { tag: 'special' })).toEqual(['b/t']);
  });

  it('shows a learning card due within 20 minutes when nothing else is left, and says when the next is due', () => {
    const grill = setup({ 'a.md': deckText('a', 1) });
    grill.answer('a/c1', 3, T0); // first learning step: 10 minutes
    const q = dailyQueue(grill, T0 + MINUTE);
    expect(q.entries).toEqual([]);
    expect(nextEntry(q, T0 + MINUTE)?.cardKey).toBe('a/c1');
    expect(q.nextDue).toBe(grill.state('a/c1').due);
  });

  it('counts the day from the rollover hour, not midnight', () => {
    const grill = setup({ 'a.md': deckText('a', 30) });
    grill.setSetting('new-per-day', 2, T0);
    grill.setSetting('rollover-hour', 4, T0);
    const evening = Date.parse('2026-03-02T23:00:00');
    grill.answer('a/c1', 4, evening);
    grill.answer('a/c2', 4, evening);
    // 02:00 is still the same grill day; 05:00 is a new one.
    expect(dailyQueue(grill, evening + 3 * HOUR).entries.filter((e) => e.kind === 'new')).toHaveLength(0);
    expect(dailyQueue(grill, evening + 6 * HOUR).entries.filter((e) => e.kind === 'new')).toHaveLength(2);
  });
});
