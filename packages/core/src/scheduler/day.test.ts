import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, dayKey, dayStart, fromDayTime, toDayTime } from './day.js';

const HOUR = 3_600_000;
const iso = (s: string) => Date.parse(s);

describe("grill's days, in the collection's time zone", () => {
  it('New York, spring forward (2026-03-08): the day starts at 04:00 local, and is 23 hours long', () => {
    const zone = 'America/New_York';
    // 04:00 EDT = 08:00Z (the day before, 04:00 EST = 09:00Z).
    expect(dayStart(iso('2026-03-08T08:00:00Z'), 4, zone)).toBe(iso('2026-03-08T08:00:00Z'));
    expect(dayStart(iso('2026-03-08T08:30:00Z'), 4, zone)).toBe(iso('2026-03-08T08:00:00Z'));
    expect(dayStart(iso('2026-03-08T07:59:00Z'), 4, zone)).toBe(iso('2026-03-07T09:00:00Z'));
    expect(addDays(iso('2026-03-07T09:00:00Z'), 1, 4, zone) - iso('2026-03-07T09:00:00Z')).toBe(23 * HOUR);
    expect(dayKey(iso('2026-03-08T08:30:00Z'), 4, zone)).toBe('2026-03-08');
    expect(dayKey(iso('2026-03-08T07:30:00Z'), 4, zone)).toBe('2026-03-07');
  });

  it('New York, fall back (2026-11-01): the day starts at 04:00 local, and is 25 hours long', () => {
    const zone = 'America/New_York';
    expect(dayStart(iso('2026-11-01T09:30:00Z'), 4, zone)).toBe(iso('2026-11-01T09:00:00Z'));
    expect(dayStart(iso('2026-11-01T08:30:00Z'), 4, zone)).toBe(iso('2026-10-31T08:00:00Z'));
    expect(addDays(iso('2026-10-31T08:00:00Z'), 1, 4, zone) - iso('2026-10-31T08:00:00Z')).toBe(25 * HOUR);
  });

  it('a rollover hour that does not exist that day starts the day after the gap', () => {
    // 02:00 on 2026-03-08 does not exist in New York: the day starts at 03:00 EDT (07:00Z).
    expect(dayStart(iso('2026-03-08T12:00:00Z'), 2, 'America/New_York')).toBe(iso('2026-03-08T07:00:00Z'));
  });

  it('Lord Howe Island, a 30-minute shift (2026-10-04): days of 23.5 hours, starting at 04:00 local', () => {
    const zone = 'Australia/Lord_Howe';
    // Before: UTC+10:30, after: UTC+11. 04:00 on 10-04 is 17:00Z on 10-03; on 10-03 it was 17:30Z on 10-02.
    const start = dayStart(iso('2026-10-03T18:00:00Z'), 4, zone);
    expect(start).toBe(iso('2026-10-03T17:00:00Z'));
    expect(start - dayStart(iso('2026-10-03T12:00:00Z'), 4, zone)).toBe(23.5 * HOUR);
  });

  it('consecutive days have distinct, consecutive dates across every change, in several zones', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
      let start = dayStart(iso('2026-01-01T12:00:00Z'), 4, zone);
      const keys: string[] = [];
      for (let i = 0; i < 366; i++) {
        keys.push(dayKey(start, 4, zone));
        const next = addDays(start, 1, 4, zone);
        expect(next - start, `${zone} ${keys.at(-1)}`).toBeGreaterThanOrEqual(22 * HOUR);
        expect(next - start, `${zone} ${keys.at(-1)}`).toBeLessThanOrEqual(26 * HOUR);
        start = next;
      }
      expect(new Set(keys).size).toBe(366);
      expect(keys[0]).toBe('2026-01-01');
      expect(keys.at(-1)).toBe('2027-01-01');
    }
  });

  it('day-times: two answers the same local evening are on one day; days map back to the same time of day', () => {
    const zone = 'America/New_York';
    const evening1 = toDayTime(iso('2026-03-02T23:30:00Z'), 4, zone); // 18:30 local
    const evening2 = toDayTime(iso('2026-03-03T00:30:00Z'), 4, zone); // 19:30 local
    expect(Math.floor(evening1 / 86_400_000)).toBe(Math.floor(evening2 / 86_400_000));
    // Five days on, across the spring-forward change: the same time since the day began.
    const real = iso('2026-03-05T15:00:00Z'); // 10:00 EST, 6 h into the day
    const ref = { real, dayTime: toDayTime(real, 4, zone) };
    const back = fromDayTime(ref.dayTime + 5 * 86_400_000, 4, zone, ref, true);
    expect(back).toBe(iso('2026-03-10T14:00:00Z')); // 10:00 EDT, 6 h after 04:00 EDT
    expect(fromDayTime(ref.dayTime + 600_000, 4, zone, ref, false)).toBe(real + 600_000);
  });

  it('agrees with calendar arithmetic done by Luxon alone, at any instant, in any zone and rollover hour', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
      'America/St_Johns',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: iso('2025-01-01T00:00:00Z'), max: iso('2028-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        (ms, zone, rollover) => {
          // The rollover instant of a local date: where its wall time occurs twice (the hour a
          // clock is set back), the first of the two, so days never overlap.
          const rolloverOn = (d: DateTime) => {
            const t = d.set({ hour: rollover, minute: 0, second: 0, millisecond: 0 });
            const earlier = [60, 30]
              .map((m) => t.minus({ minutes: m }))
              .find((e) => e.toISODate() === t.toISODate() && e.hour === rollover && e.minute === 0);
            return earlier ?? t;
          };
          const local = DateTime.fromMillis(ms, { zone });
          let start = rolloverOn(local);
          if (start.toMillis() > ms) start = rolloverOn(local.minus({ days: 1 }));
          expect(dayStart(ms, rollover, zone)).toBe(start.toMillis());
          expect(dayKey(ms, rollover, zone)).toBe(start.toISODate());
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('starts a day at the first of two 1:00s when clocks go back onto the rollover hour, asked later that day', () => {
    // 2027-11-07 in New York: 01:00-02:00 happens twice (05:00Z EDT, then 06:00Z EST). Found by the property above.
    expect(dayStart(1825639178405, 1, 'America/New_York')).toBe(iso('2027-11-07T05:00:00Z'));
    expect(dayKey(1825639178405, 1, 'America/New_York')).toBe('2027-11-07');
  });

  it('starts a day whose rollover hour occurs twice (clocks set back) at the first of the two', () => {
    // 2025-10-26 in Berlin: 02:00-03:00 happens twice; 00:00Z is the first 02:00, 01:00Z the second.
    for (const ms of [
      iso('2025-10-26T00:00:00Z'),
      iso('2025-10-26T00:30:00Z'),
      iso('2025-10-26T01:00:00Z'),
      iso('2025-10-26T01:30:00Z'),
    ])
      expect(dayStart(ms, 2, 'Europe/Berlin')).toBe(iso('2025-10-26T00:00:00Z'));
    expect(dayStart(iso('2025-10-25T23:59:00Z'), 2, 'Europe/Berlin')).toBe(iso('2025-10-25T00:00:00Z'));
  });
});
