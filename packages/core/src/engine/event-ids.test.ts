import { describe, expect, it } from 'vitest';
import { deckText, grillWith, T0 } from '../test-support/fixtures.js';
import { Grill } from './grill.js';
import { history } from './history.js';

describe('event ids made by two processes on one database', () => {
  it('never collide in the same millisecond, so no answer or undo is silently dropped', () => {
    for (let round = 0; round < 50; round++) {
      const { grill, home } = grillWith({ 'a.md': deckText('a', 3) });
      const other = Grill.open(home);
      // The clock stands still (as under GRILL_NOW): every event is made in the same millisecond.
      const mine = grill.answer('a/c1', 3, T0);
      other.answer('a/c2', 3, T0);
      grill.answer('a/c3', 3, T0);
      other.answer('a/c2', 1, T0);
      expect(grill.undo(T0, mine.event.id)?.undone.id).toBe(mine.event.id);
      expect(grill.store.events.count()).toBe(5);
      // Answers in the same millisecond from two processes may interleave either way; none is lost.
      expect(
        history(grill)
          .map((h) => h.card)
          .sort(),
      ).toEqual(['a/c2', 'a/c2', 'a/c3']);
      other.close();
      grill.close();
    }
  });
});
