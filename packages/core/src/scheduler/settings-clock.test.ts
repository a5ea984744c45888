import { describe, expect, it } from 'vitest';
import { deckText, grillWith, T0 } from '../test-support/fixtures.js';
import { compareHlc, nextHlc } from './settings-clock.js';

const stamp = (wall: number, counter: number | string, device = 'd') =>
  `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${device}`;

describe('settings clocks', () => {
  it('never let the counter pass 999999: the wall time moves on instead, so stamps stay fixed-width and later', () => {
    const last = stamp(T0 + 60_000, 999_999, 'other');
    const next = nextHlc(last, T0, 'me');
    expect(next).toBe(stamp(T0 + 60_001, 0, 'me'));
    expect(compareHlc(next, last)).toBeGreaterThan(0);
    expect(next > last).toBe(true);
  });

  it('compare as numbers, also stamps with an overflowed 7-digit counter written by an older grill', () => {
    const overflowed = stamp(T0, '1000000', 'a');
    expect(compareHlc(overflowed, stamp(T0, 999_999, 'z'))).toBeGreaterThan(0);
    expect(compareHlc(stamp(T0 + 1, 0, 'a'), overflowed)).toBeGreaterThan(0);
    expect(compareHlc('', stamp(0, 0))).toBeLessThan(0);
    expect(compareHlc(stamp(T0, 5, 'a'), stamp(T0, 5, 'b'))).toBeLessThan(0);
  });

  it('a change made here wins over one stamped ahead with a full counter, and config reports what is in force', () => {
    const { grill } = grillWith({ 'a.md': deckText('a', 1) });
    // A change from a machine whose clock ran a minute ahead, counter at its bound.
    const hlc = stamp(T0 + 60_000, 999_999, 'other');
    grill.ingest(
      [
        {
          id: '019cadc6-9a81-7000-8000-000000000001',
          cardKey: '@settings',
          type: 'setting',
          at: T0,
          deviceId: 'other',
          payload: { scope: '', key: 'retention', value: 0.8, hlc },
        },
      ],
      true,
    );
    expect(grill.setSetting('retention', 0.85, T0 + 1)).toBe(0.85);
    expect(grill.settings().retention).toBe(0.85);
    // And again within the same millisecond.
    expect(grill.setSetting('retention', 0.86, T0 + 1)).toBe(0.86);
    expect(grill.settings().retention).toBe(0.86);
    // An older change arriving later loses to it, as last-writer-wins says.
    grill.ingest(
      [
        {
          id: '019cadc6-9a81-7000-8000-000000000002',
          cardKey: '@settings',
          type: 'setting',
          at: T0,
          deviceId: 'late',
          payload: { scope: '', key: 'retention', value: 0.7, hlc: stamp(T0 + 60_000, 999_998, 'late') },
        },
      ],
      true,
    );
    expect(grill.settings().retention).toBe(0.86);
  });
});
