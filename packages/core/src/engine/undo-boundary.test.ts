import { afterEach, describe, expect, it } from 'vitest';
import { deckText, grillWith, MINUTE, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

describe('undo never reaches past a change it cannot take back', () => {
  it('refuses after a reschedule or a settings change, and undoes normally once an answer follows', () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 3) });
    open.push(grill);
    grill.answer('d/c1', 3, T0);
    grill.reschedule(T0 + MINUTE);
    expect(() => grill.undo(T0 + 2 * MINUTE)).toThrow(
      'the last change made here was a reschedule, which undo cannot take back (nothing undone)',
    );
    expect(grill.state('d/c1').reps).toBe(1);
    grill.setSetting('retention', 0.85, T0 + 3 * MINUTE);
    expect(() => grill.undo(T0 + 4 * MINUTE)).toThrow(/a settings change, which undo cannot take back/);
    grill.answer('d/c2', 3, T0 + 5 * MINUTE);
    expect(grill.undo(T0 + 6 * MINUTE)?.undone.cardKey).toBe('d/c2');
    // The next undo would reach past the settings change: refused again.
    expect(() => grill.undo(T0 + 7 * MINUTE)).toThrow(/cannot take back/);
    // A fresh collection's own time-zone default is not "a change" to report: nothing to undo.
    const { grill: fresh } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(fresh);
    fresh.ensureTimeZone(T0, 'UTC');
    expect(fresh.undo(T0)).toBeNull();
  });
});
