import { describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, MINUTE, T0 } from '../test-support/fixtures.js';
import { doctor } from './doctor.js';

function reviewedCard() {
  const { grill } = grillWith({ 'a.md': deckText('a', 2) });
  grill.answer('a/c1', 3, T0);
  grill.answer('a/c1', 3, T0 + 11 * MINUTE);
  grill.answer('a/c1', 3, T0 + 5 * DAY);
  grill.answer('a/c1', 3, T0 + 25 * DAY);
  return grill;
}

describe('settings look forward', () => {
  it('a settings change governs the answers after it and moves no existing due date', () => {
    const grill = reviewedCard();
    const before = grill.state('a/c1');
    grill.setSetting('retention', 0.8, T0 + 26 * DAY);
    expect(grill.state('a/c1')).toEqual(before);
    // The next answer uses the new retention: a longer interval than 0.9 would give.
    const at = T0 + 26 * DAY + before.scheduledDays * DAY;
    const higher = reviewedCard();
    const withNew = grill.answer('a/c1', 3, at).state;
    const withOld = higher.answer('a/c1', 3, at).state;
    expect(withNew.scheduledDays).toBeGreaterThan(withOld.scheduledDays);
    expect(doctor(grill, false).mismatched).toEqual([]);
  });

  it('changing learning steps does not relabel which past answers were learning or review', () => {
    const grill = reviewedCard();
    const facts = () =>
      grill.store.db
        .prepare('SELECT event_id, phase_before, interval_days FROM review_cache ORDER BY at')
        .all();
    const before = facts();
    grill.setSetting('learning-steps', ['5m'], T0 + 26 * DAY);
    expect(facts()).toEqual(before);
    grill.rebuildAll();
    expect(facts()).toEqual(before);
  });

  it('reschedule re-derives due dates from the settings in force, as a synced event, and replays the same', () => {
    const grill = reviewedCard();
    const before = grill.state('a/c1');
    grill.setSetting('retention', 0.8, T0 + 26 * DAY);
    expect(grill.reschedule(T0 + 26 * DAY + MINUTE)).toBe(1);
    const after = grill.state('a/c1');
    expect(after.due).toBeGreaterThan(before.due);
    expect(after.stability).toBe(before.stability);
    expect(after.lastReview).toBe(before.lastReview);
    // Counted from the last review, in whole grill days.
    expect(after.scheduledDays).toBeGreaterThan(before.scheduledDays);
    expect(grill.store.events.forCard('@settings').map((e) => e.type)).toContain('reschedule');
    grill.rebuildAll();
    expect(grill.state('a/c1')).toEqual(after);
    expect(doctor(grill, false).mismatched).toEqual([]);
  });

  it('a reschedule is the same however it is replayed (its fuzz is seeded from the card, not left over)', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    grill.answer('a/c2', 3, T0);
    grill.answer('a/c2', 3, T0);
    grill.setSetting('retention', 0.8, T0);
    grill.reschedule(T0);
    // Other computations in between leave the shared scheduler's seed elsewhere.
    grill.answer('a/c1', 3, T0 + 40 * DAY);
    const kept = grill.state('a/c2');
    grill.rebuildAll();
    expect(grill.state('a/c2')).toEqual(kept);
  });

  it('a change that arrives by sync with an earlier time re-derives the cards answered after it', () => {
    const { grill: a } = grillWith({ 'a.md': deckText('a', 1) });
    const { grill: b } = grillWith({ 'a.md': deckText('a', 1) });
    b.setSetting('retention', 0.8, T0 - DAY);
    a.answer('a/c1', 3, T0);
    a.answer('a/c1', 3, T0 + 11 * MINUTE);
    a.ingest(b.store.events.forCard('@settings'), true);
    b.ingest(a.store.events.forCard('a/c1'), true);
    expect(a.state('a/c1')).toEqual(b.state('a/c1'));
    expect(doctor(a, false).mismatched).toEqual([]);
  });
});

describe('a settings change pulled in the same batch as the answers it governs', () => {
  it('re-folds an answer folded earlier in the batch when the change sorts before it', () => {
    // Another machine's answer and settings change at the same millisecond, the change first in
    // replay order, pulled in one batch with the answer first: found by the sync convergence property.
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    grill.answer('a/c1', 4, T0);
    const id = (n: number) => `019cadc6-9a81-7000-8000-${String(n).padStart(12, '0')}`;
    const hlc = `${String(T0 + 1).padStart(15, '0')}:000000:other`;
    grill.ingest(
      [
        {
          id: id(2),
          cardKey: 'a/c1',
          type: 'review',
          at: T0 + 1,
          deviceId: 'other',
          payload: { rating: 2, durationMs: 0 },
        },
        {
          id: id(1),
          cardKey: '@settings',
          type: 'setting',
          at: T0 + 1,
          deviceId: 'other',
          payload: { scope: 'a', key: 'retention', value: 0.7, hlc },
        },
      ],
      true,
    );
    expect(doctor(grill, false).mismatched).toEqual([]);
  });
});
