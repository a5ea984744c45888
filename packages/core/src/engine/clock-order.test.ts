import { describe, expect, it } from 'vitest';
import { deckText, grillWith, T0 } from '../test-support/fixtures.js';
import { history } from './history.js';

const YEAR = 365 * 86_400_000;

describe('an answer folds after the events that made the state the user saw', () => {
  it('records an answer made with the clock set back after the card’s latest event, and says so', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    const first = grill.answer('a/c1', 3, T0 + YEAR);
    expect(first.clockBehind).toBe(false);
    const second = grill.answer('a/c1', 1, T0);
    expect(second.clockBehind).toBe(true);
    expect(second.event.at).toBe(T0 + YEAR);
    expect(second.event.id > first.event.id).toBe(true);
    // The Again sorts after the Good: the card is relearning, due minutes after the Good.
    expect(history(grill).map((h) => h.ratingName)).toEqual(['good', 'again']);
    expect(second.state.lapses + second.state.reps).toBeGreaterThan(first.state.reps);
    expect(second.state.due - (T0 + YEAR)).toBeLessThan(86_400_000);
    // Other cards are not affected by this card's history.
    expect(grill.answer('a/c2', 3, T0).clockBehind).toBe(false);
  });
});

describe('undo takes back only what was made in this database', () => {
  it('never cancels an event that arrived by sync, even one carrying this machine’s device id', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 2) });
    const mine = grill.answer('a/c1', 3, T0);
    // A copy of this data folder on another machine (same device id) answered a/c2; it syncs here.
    const pulled = {
      ...mine.event,
      id: '01900000-0000-7000-8000-0000000000ff',
      cardKey: 'a/c2',
      at: T0 + 1000,
    };
    grill.ingest([{ ...pulled, deviceId: grill.deviceId }], true);
    const undone = grill.undo(T0 + 2000);
    expect(undone?.undone.id).toBe(mine.event.id);
    expect(grill.undo(T0 + 3000)).toBeNull();
    expect(history(grill).map((h) => h.card)).toEqual(['a/c2']);
  });
});
