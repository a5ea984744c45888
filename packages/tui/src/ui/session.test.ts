import { type Grill, history } from '@grill/core';
import { afterEach, describe, expect, it } from 'vitest';
import { grillWithKinds, T0 } from '../test-support/deck-fixture.js';
import { DrillSession } from './session.js';

let grills: Grill[] = [];
afterEach(() => {
  for (const g of grills) g.close();
  grills = [];
});

function setup(limit?: number) {
  const { grill } = grillWithKinds();
  grills.push(grill);
  let now = T0;
  const clock = () => now;
  const session = new DrillSession(grill, {}, clock, limit);
  return { grill, session, tick: (ms: number) => (now += ms) };
}

describe('DrillSession', () => {
  it('walks the queue in file order, committing each answer with the time spent', () => {
    const { grill, session, tick } = setup();
    expect(session.current?.card.key).toBe('kinds/basic');
    expect(session.remaining()).toBe(4);
    tick(7000);
    session.answer(4);
    expect(session.current?.card.key).toBe('kinds/choice');
    tick(3000);
    session.answer(1, { chosen: [1], correct: false });
    expect(history(grill).map((h) => [h.card, h.rating, h.durationMs, h.detail])).toEqual([
      ['kinds/basic', 4, 7000, undefined],
      ['kinds/choice', 1, 3000, { chosen: [1], correct: false }],
    ]);
    expect(session.summary()).toEqual({ answers: 2, cards: 2, correct: 1, timeMs: 10_000 });
    // basic graduated (Easy); choice is back in learning (Again).
    expect(session.left()).toEqual({ new: 2, learning: 1, review: 0 });
  });

  it('undo goes back to the card just answered and removes it from the summary', () => {
    const { grill, session, tick } = setup();
    tick(1000);
    session.answer(3);
    expect(session.current?.card.key).toBe('kinds/choice');
    expect(session.undo()).toEqual({ cardKey: 'kinds/basic', type: 'review' });
    expect(session.current?.card.key).toBe('kinds/basic');
    expect(session.summary()).toEqual({ answers: 0, cards: 0, correct: 0, timeMs: 0 });
    expect(history(grill)).toEqual([]);
    expect(session.undo()).toBeNull();
  });

  it('undo skips what was already undone elsewhere and walks back through the session', () => {
    const { grill, session } = setup();
    session.answer(3);
    session.answer(3, { chosen: [0, 2], correct: true });
    // `grill undo` in another shell cancels the choice answer (the last made on this device).
    expect(grill.undo(T0)?.undone.cardKey).toBe('kinds/choice');
    expect(session.undo()?.cardKey).toBe('kinds/basic');
    expect(history(grill)).toEqual([]);
    expect(session.undo()).toBeNull();
  });

  it('counts a card answered twice as one card and two answers', () => {
    const { session, tick } = setup();
    session.answer(1);
    tick(10 * 60_000);
    session.answer(3, { chosen: [0, 2], correct: true });
    for (let i = 0; i < 4 && session.current?.card.key !== 'kinds/basic'; i++) {
      tick(60_000);
      session.answer(3);
    }
    expect(session.current?.card.key).toBe('kinds/basic');
    session.answer(3);
    const s = session.summary();
    expect(s.answers - s.cards).toBe(1);
  });

  it('brings learning cards back within the session and ends when nothing is left', () => {
    const { session, tick } = setup();
    const seen: string[] = [];
    for (let i = 0; i < 20 && session.current; i++) {
      seen.push(session.current.card.key);
      tick(60_000);
      session.answer(3);
    }
    expect(session.current).toBeNull();
    // Each new card: Good (10m step, shown again within the learn-ahead window), then Good graduates.
    expect(seen.filter((k) => k === 'kinds/basic')).toHaveLength(2);
    expect(seen).toHaveLength(8);
    expect(session.remaining()).toBe(0);
  });

  it('buries and suspends the current card, and stops at the limit', () => {
    const { session, grill } = setup(2);
    session.bury();
    expect(session.current?.card.key).toBe('kinds/choice');
    session.suspend();
    expect(grill.state('kinds/choice').suspended).toBe(true);
    expect(session.current?.card.key).toBe('kinds/typed');
    session.answer(3);
    session.answer(3);
    expect(session.current).toBeNull();
  });

  it('re-computes the previewed intervals when the day rolls over while a card is shown', () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const day = 86_400_000;
    // kinds/basic into review, then due again days later; shown one minute before 04:00 (UTC).
    grill.answer('kinds/basic', 3, T0);
    grill.answer('kinds/basic', 3, T0 + 11 * 60_000);
    let now = Date.parse('2026-03-12T03:59:00Z');
    const session = new DrillSession(grill, { keys: new Set(['kinds/basic']) }, () => now, undefined, [
      'kinds/basic',
    ]);
    const before = session.current?.intervals[3];
    now = Date.parse('2026-03-12T04:00:30Z');
    session.refreshPreview(now);
    const shown = session.current?.intervals[3] as number;
    expect(session.current?.previewAt).toBe(now);
    expect(shown).not.toBe(before);
    session.answer(3);
    expect(grill.state('kinds/basic').due).toBe(shown);
    expect(shown - now).toBeGreaterThan(day);
  });
});
