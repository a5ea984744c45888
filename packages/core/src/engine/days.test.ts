import { describe, expect, it } from 'vitest';
import { deckText, grillWith } from '../test-support/fixtures.js';
import { dailyQueue } from './queue.js';
import { computeStats, forecast, streak } from './stats.js';

const iso = (s: string) => Date.parse(s);

function nyGrill(cards = 30, zone = 'America/New_York') {
  const { grill } = grillWith({ 'a.md': deckText('a', cards) }, iso('2026-03-01T12:00:00Z'));
  grill.setSetting('time-zone', zone, iso('2026-03-01T12:00:00Z'));
  return grill;
}

describe('days are the user’s calendar days, across daylight-saving changes', () => {
  it('spring forward: a learning card due at 04:00 local is due then; the new-card limit resets at 04:00 local', () => {
    const grill = nyGrill();
    grill.setSetting('new-per-day', 2, iso('2026-03-01T12:00:00Z'));
    // Saturday evening: two new cards, one answered Again so it is due soon after.
    grill.answer('a/c1', 3, iso('2026-03-07T23:00:00Z'));
    grill.answer('a/c2', 3, iso('2026-03-07T23:01:00Z'));
    expect(
      dailyQueue(grill, iso('2026-03-07T23:30:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(0);
    // 04:00 EDT on Sunday 03-08 is 08:00Z: a new day with two new cards again.
    const q = dailyQueue(grill, iso('2026-03-08T08:05:00Z'));
    expect(q.entries.filter((e) => e.kind === 'new')).toHaveLength(2);
    // One minute before, still Saturday's day: no new cards.
    expect(
      dailyQueue(grill, iso('2026-03-08T07:59:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(0);
    // Today's counts start at 04:00 local: Saturday's answers are not Sunday's.
    expect(computeStats(grill, iso('2026-03-08T08:05:00Z')).today.reviews).toBe(0);
    expect(computeStats(grill, iso('2026-03-08T07:59:00Z')).today.reviews).toBe(2);
  });

  it('fall back: the day starts at 04:00 local (09:00Z), not 03:00', () => {
    const grill = nyGrill();
    grill.setSetting('new-per-day', 1, iso('2026-10-30T12:00:00Z'));
    grill.answer('a/c1', 3, iso('2026-10-31T20:00:00Z'));
    expect(
      dailyQueue(grill, iso('2026-11-01T08:30:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(0);
    expect(
      dailyQueue(grill, iso('2026-11-01T09:00:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(1);
  });

  it('bury lasts until the next day’s rollover in local time, on a DST day', () => {
    const grill = nyGrill();
    const state = grill.bury('a/c1', iso('2026-03-07T20:00:00Z'));
    expect(state.buriedUntil).toBe(iso('2026-03-08T08:00:00Z'));
    const fall = grill.bury('a/c2', iso('2026-10-31T20:00:00Z'));
    expect(fall.buriedUntil).toBe(iso('2026-11-01T09:00:00Z'));
  });

  it('forecast dates are distinct and consecutive across spring forward and fall back', () => {
    const grill = nyGrill();
    const spring = forecast(grill, iso('2026-03-05T12:00:00Z'), 7).map((d) => d.date);
    expect(spring).toEqual([
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
    const fall = forecast(grill, iso('2026-10-30T12:00:00Z'), 4).map((d) => d.date);
    expect(fall).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('a streak runs across a DST day, counted in local days', () => {
    const grill = nyGrill();
    // 22:00 local each evening, 03-06 to 03-09 (EST then EDT).
    for (const t of [
      '2026-03-07T03:00:00Z',
      '2026-03-08T03:00:00Z',
      '2026-03-09T02:00:00Z',
      '2026-03-10T02:00:00Z',
    ])
      grill.answer('a/c1', 3, iso(t));
    expect(streak(grill, iso('2026-03-10T02:30:00Z'))).toBe(4);
  });

  it('a 30-minute zone (Lord Howe): the day starts at 04:00 local after the shift', () => {
    const grill = nyGrill(30, 'Australia/Lord_Howe');
    grill.setSetting('new-per-day', 1, iso('2026-10-01T12:00:00Z'));
    grill.answer('a/c1', 3, iso('2026-10-03T10:00:00Z'));
    // 04:00 on 10-04 (UTC+11) is 17:00Z on 10-03.
    expect(
      dailyQueue(grill, iso('2026-10-03T16:59:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(0);
    expect(
      dailyQueue(grill, iso('2026-10-03T17:00:00Z')).entries.filter((e) => e.kind === 'new'),
    ).toHaveLength(1);
  });

  it('FSRS counts grill days: two reviews the same local evening are 0 days apart', () => {
    const grill = nyGrill();
    // Make a/c1 a review card with some stability, then review it twice one evening (18:30 and 19:30 EST).
    grill.answer('a/c1', 3, iso('2026-02-01T15:00:00Z'));
    grill.answer('a/c1', 3, iso('2026-02-01T15:11:00Z'));
    grill.answer('a/c1', 3, iso('2026-02-20T15:00:00Z'));
    const first = grill.answer('a/c1', 3, iso('2026-03-02T23:30:00Z')).state;
    const second = grill.answer('a/c1', 3, iso('2026-03-03T00:30:00Z')).state;
    expect(second.elapsedDays).toBe(0);
    // Counted by UTC dates (what ts-fsrs alone does: UTC, days starting at midnight) they are a day apart.
    expect(first.elapsedDays).toBeGreaterThan(0);
    const utc = nyGrill(30, 'UTC');
    utc.setSetting('rollover-hour', 0, iso('2026-01-01T12:00:00Z'));
    utc.answer('a/c1', 3, iso('2026-02-01T15:00:00Z'));
    utc.answer('a/c1', 3, iso('2026-02-01T15:11:00Z'));
    utc.answer('a/c1', 3, iso('2026-02-20T15:00:00Z'));
    utc.answer('a/c1', 3, iso('2026-03-02T23:30:00Z'));
    expect(utc.answer('a/c1', 3, iso('2026-03-03T00:30:00Z')).state.elapsedDays).toBe(1);
    expect(second.stability).toBeLessThan(utc.state('a/c1').stability);
  });

  it('the time zone is the collection’s, not the machine’s, and is refused per deck', () => {
    const grill = nyGrill();
    expect(grill.settings().timeZone).toBe('America/New_York');
    expect(() => grill.setSetting('time-zone', 'Europe/Berlin', iso('2026-03-01T12:00:00Z'), 'a')).toThrow(
      /whole collection/,
    );
    const fresh = grillWith({ 'a.md': deckText('a', 1) }).grill;
    fresh.ensureTimeZone(iso('2026-03-01T12:00:00Z'), 'Asia/Kolkata');
    expect(fresh.settings().timeZone).toBe('Asia/Kolkata');
    fresh.ensureTimeZone(iso('2026-03-02T12:00:00Z'), 'Europe/Berlin');
    expect(fresh.settings().timeZone).toBe('Asia/Kolkata');
  });

  it('a machine joining a collection by sync adopts its zone; a zone set by hand wins over any default', () => {
    const old = grillWith({ 'a.md': deckText('a', 1) }).grill;
    old.answer('a/c1', 3, iso('2025-06-01T12:00:00Z'));
    old.ensureTimeZone(iso('2026-03-01T12:00:00Z'), 'America/New_York');
    const joining = grillWith({ 'a.md': deckText('a', 1) }).grill;
    joining.ensureTimeZone(iso('2026-03-02T12:00:00Z'), 'Europe/Berlin');
    const settingEvents = (g: typeof old) =>
      g.store.events.forCard('@settings').filter((e) => e.type === 'setting');
    // Both exchange their defaults (as sync does); the older collection's zone wins on both.
    joining.ingest(settingEvents(old), true);
    old.ingest(settingEvents(joining), true);
    expect(joining.settings().timeZone).toBe('America/New_York');
    expect(old.settings().timeZone).toBe('America/New_York');
    // A person's choice beats the default wherever it was made.
    joining.setSetting('time-zone', 'Europe/Berlin', iso('2026-03-03T12:00:00Z'));
    old.ingest(settingEvents(joining), true);
    expect(old.settings().timeZone).toBe('Europe/Berlin');
  });
});
