import { describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';
import { history } from './history.js';

describe('grill history', () => {
  it('is answered from the review log (minus undone answers), not from the derived caches', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    const kept = grill.answer('a/c1', 3, T0).event;
    const undone = grill.answer('a/c2', 1, T0 + DAY).event;
    grill.undo(T0 + DAY + 1, undone.id);
    const last = grill.answer('a/c2', 4, T0 + 2 * DAY).event;
    expect(history(grill).map((h) => h.id)).toEqual([kept.id, last.id]);
    expect(history(grill, 'a/c2').map((h) => h.id)).toEqual([last.id]);
    // The caches lost: the answers in effect are still known.
    grill.store.db.exec('DELETE FROM review_cache; DELETE FROM card_state_cache;');
    expect(history(grill).map((h) => h.id)).toEqual([kept.id, last.id]);
    grill.close();
  });
});
