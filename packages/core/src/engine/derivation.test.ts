import { describe, expect, it } from 'vitest';
import { deckText, grillWith, T0 } from '../test-support/fixtures.js';
import { doctor } from './doctor.js';
import { DERIVATION, Grill } from './grill.js';

describe('re-deriving states after a release changes how they are derived', () => {
  it('replays every card once on open when the stored derivation is older, and doctor agrees after', () => {
    const { grill, home } = grillWith({ 'a.md': deckText('a', 3) });
    grill.answer('a/c1', 3, T0);
    grill.answer('a/c1', 3, T0 + 600_000);
    grill.answer('a/c2', 1, T0);
    const expected = grill.state('a/c1');
    // A collection written by the first release: its cached states came from the old fuzz seed.
    grill.store.db
      .prepare("UPDATE card_state_cache SET due = 0, stability = 1 WHERE card_key = 'a/c1'")
      .run();
    grill.store.meta.set('derivation', '1');
    grill.close();
    let told = 0;
    const reopened = Grill.open(home, { onRederive: () => told++ });
    expect(told).toBe(1);
    expect(reopened.state('a/c1')).toEqual(expected);
    expect(reopened.store.meta.get('derivation')).toBe(DERIVATION);
    expect(doctor(reopened, false).mismatched).toEqual([]);
    reopened.close();
    // Once only.
    const again = Grill.open(home, { onRederive: () => told++ });
    expect(told).toBe(1);
    again.close();
  });
});
