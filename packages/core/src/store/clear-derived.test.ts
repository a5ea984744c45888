import { describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';

describe('rebuilding every card state', () => {
  it('puts back the review indexes exactly as the migrations defined them', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    grill.answer('a/c1', 3, T0);
    grill.answer('a/c2', 1, T0 + DAY);
    const indexes = () =>
      grill.store.db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_cache' ORDER BY name",
        )
        .all();
    const before = indexes();
    expect(before.length).toBeGreaterThan(0);
    const facts = grill.store.db.prepare('SELECT * FROM review_cache ORDER BY event_id').all();
    grill.rebuildAll();
    expect(indexes()).toEqual(before);
    expect(grill.store.db.prepare('SELECT * FROM review_cache ORDER BY event_id').all()).toEqual(facts);
    grill.close();
  });
});
