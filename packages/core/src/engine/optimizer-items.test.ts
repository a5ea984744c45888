import { afterEach, describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, HOUR, MINUTE, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { itemReviews, MAX_ITEM_REVIEWS, trainingSet } from './optimizer-items.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

describe('the review log as the FSRS optimizer takes it', () => {
  it('one item per answer after the first (none of same-day steps alone), days in the collection’s calendar, undone answers and other events left out', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 3), 'e.md': deckText('e', 1) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'America/New_York');
    // T0 is 2026-03-02 09:00 UTC = 04:00 in New York: the grill day (rollover 4:00) has just begun.
    grill.answer('d/c1', 3, T0);
    grill.answer('d/c1', 3, T0 + 10 * MINUTE); // same day: 0 days
    grill.answer('d/c1', 2, T0 + DAY - MINUTE); // 2026-03-03 03:59 New York: still the first day
    grill.answer('d/c1', 3, T0 + 3 * DAY);
    grill.answer('d/c2', 1, T0);
    const wrong = grill.answer('d/c2', 4, T0 + 2 * DAY);
    grill.undo(T0 + 2 * DAY + 1, wrong.event.id);
    grill.suspend('d/c3', T0);
    grill.answer('e/c1', 3, T0 + 5 * HOUR);
    grill.answer('e/c1', 3, T0 + 8 * DAY + 5 * HOUR); // across the DST change of 2026-03-08: 8 calendar days
    const set = trainingSet(grill);
    expect(set).toMatchObject({ reviews: 7, cards: 3 });
    const c1 = [
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 0 },
      { rating: 2, deltaT: 0 },
      { rating: 3, deltaT: 3 },
    ];
    // The items of d/c1's same-day steps alone (its 2nd and 3rd answers) are left out: FSRS needs
    // a review a day or more after the one before in every item.
    expect(set.items.map((item) => itemReviews(set, item))).toEqual([
      c1,
      [
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 8 },
      ],
    ]);
    expect(trainingSet(grill, 'e').items).toHaveLength(1);
  });

  it('items in the time order of their last answers, none longer than MAX_ITEM_REVIEWS answers', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 2) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    for (let i = 0; i < MAX_ITEM_REVIEWS + 6; i++) grill.answer('d/c1', 3, T0 + i * DAY);
    for (let i = 0; i < 3; i++) grill.answer('d/c2', 3, T0 + i * DAY + HOUR);
    const set = trainingSet(grill);
    expect(set.reviews).toBe(MAX_ITEM_REVIEWS + 9);
    expect(Math.max(...set.items.map((item) => item.length))).toBe(MAX_ITEM_REVIEWS);
    expect(set.items).toHaveLength(MAX_ITEM_REVIEWS - 1 + 2);
    const times = set.items.map((item) => item.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // c2's items (last answers on days 1 and 2, an hour later) sit between c1's of the same days.
    expect(set.items.slice(0, 4).map((item) => item.card)).toEqual([0, 1, 0, 1]);
  });
});
