/**
 * grill's days: calendar days in the collection's time zone, each starting at the rollover hour
 * (04:00 by default), computed with real time-zone data (Luxon, on the platform's Intl) — never
 * fixed 24-hour steps, so daylight-saving days are 23 or 25 hours long where they are. Pure.
 */
import { canonicalTimeZone } from '@grill/protocol/setting-keys';
import { DateTime, IANAZone, Settings } from 'luxon';

// Only dates are formatted here (ISO), never words: a fixed locale spares Luxon its first lookup
// of the system locale, tens of milliseconds of every command's start.
Settings.defaultLocale = 'en-US';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The time zone this machine runs in (an IANA name), the default for a new collection. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `zone` is an IANA time zone the platform knows (`Europe/Berlin`, `UTC`; not `local`). */
export function isTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

function at(ms: number, zone: string): DateTime {
  const d = DateTime.fromMillis(ms, { zone });
  if (!d.isValid) throw new RangeError(`unknown time zone "${zone}"`);
  return d;
}

/** The rollover instant of the local calendar date of `d` (the first instant at or after that wall time). */
function rolloverOf(d: DateTime, rolloverHour: number): DateTime {
  const t = d.set({ hour: rolloverHour, minute: 0, second: 0, millisecond: 0 });
  // Where clocks are set back onto that wall time it occurs twice, and Luxon keeps the offset it
  // had: take the first of the two (an hour, or Lord Howe's half hour, earlier), so days never overlap.
  for (const minutes of [60, 30]) {
    const earlier = t.minus({ minutes });
    if (earlier.hour === rolloverHour && earlier.minute === 0 && earlier.toISODate() === t.toISODate())
      return earlier;
  }
  return t;
}

/** A grill day: its first instant, the first instant of the next, and its date in the zone. */
interface GrillDay {
  start: number;
  end: number;
  date: string;
  /** The date's UTC midnight (ms), for day-times. */
  utcDate: number;
}

/**
 * Days already computed, by zone and rollover hour, under each UTC date they overlap (one or
 * two grill days per UTC date). Replaying a large review log or ranking thousands of due cards
 * asks about the same few hundred dates again and again, and Luxon takes tens of microseconds
 * an answer; a lookup here takes well under one.
 */
const cache = new Map<string, Map<number, GrillDay[]>>();
const CACHE_LIMIT = 100_000;

/** The zone and rollover hour asked about last, their days, and the day found last (a replay asks about it again and again). */
let lastKey: { zone: string; rolloverHour: number; byDate: Map<number, GrillDay[]>; day: GrillDay | null } = {
  zone: '',
  rolloverHour: -1,
  byDate: new Map(),
  day: null,
};

function grillDay(ms: number, rolloverHour: number, zone: string): GrillDay {
  if (lastKey.zone !== zone || lastKey.rolloverHour !== rolloverHour) {
    const id = `${zone}\u0000${rolloverHour}`;
    let found = cache.get(id);
    if (!found) {
      found = new Map();
      cache.set(id, found);
    }
    lastKey = { zone, rolloverHour, byDate: found, day: null };
  }
  const last = lastKey.day;
  if (last !== null && last.start <= ms && ms < last.end) return last;
  const { byDate } = lastKey;
  const utcDay = Math.floor(ms / DAY);
  let days = byDate.get(utcDay);
  if (!days) {
    days = [computeDay(utcDay * DAY, rolloverHour, zone)];
    for (let last = days[0] as GrillDay; last.end < (utcDay + 1) * DAY; ) {
      last = computeDay(last.end, rolloverHour, zone);
      days.push(last);
    }
    if (byDate.size >= CACHE_LIMIT) byDate.clear();
    byDate.set(utcDay, days);
  }
  for (const day of days) {
    if (day.start <= ms && ms < day.end) {
      lastKey.day = day;
      return day;
    }
  }
  return computeDay(ms, rolloverHour, zone);
}

function computeDay(ms: number, rolloverHour: number, zone: string): GrillDay {
  return plainDay(ms, rolloverHour, zone) ?? calendarDay(ms, rolloverHour, zone);
}

/**
 * The day computed from the zone's UTC offset alone, when that offset is the same from the day's
 * start to the next day's (every day but the two a year around a daylight-saving change, where
 * this gives null): a few offset lookups instead of Luxon's calendar arithmetic.
 */
function plainDay(ms: number, rolloverHour: number, zone: string): GrillDay | null {
  const z = IANAZone.create(zone);
  if (!z.isValid) return null;
  const offset = z.offset(ms) * 60_000;
  const dayIndex = Math.floor((ms + offset - rolloverHour * HOUR) / DAY);
  const start = dayIndex * DAY + rolloverHour * HOUR - offset;
  const end = start + DAY;
  if (z.offset(start) * 60_000 !== offset || z.offset(end) * 60_000 !== offset) return null;
  // A change of offset in the hours just before the start (clocks set back onto the rollover
  // hour) means that wall time also occurred earlier, and the day starts at the first of the two.
  if (z.offset(start - 2 * HOUR) * 60_000 !== offset) return null;
  if (z.offset(end - 1) * 60_000 !== offset) return null;
  const utcDate = dayIndex * DAY;
  return { start, end, date: new Date(utcDate).toISOString().slice(0, 10), utcDate };
}

/** The day by Luxon's calendar arithmetic (any day, daylight-saving changes included). */
function calendarDay(ms: number, rolloverHour: number, zone: string): GrillDay {
  const local = at(ms, zone);
  let start = rolloverOf(local, rolloverHour);
  if (start.toMillis() > ms) start = rolloverOf(local.minus({ days: 1 }), rolloverHour);
  const end = rolloverOf(start.plus({ days: 1 }), rolloverHour).toMillis();
  const date = start.toISODate() as string;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { start: start.toMillis(), end, date, utcDate: Date.UTC(y, m - 1, d) };
}

/**
 * Start (ms) of the grill day containing `now`: the latest rollover instant at or before it.
 * On a day whose rollover wall time does not exist (a spring-forward gap), the day starts at the
 * first instant after the gap.
 */
export function dayStart(now: number, rolloverHour: number, zone: string): number {
  return grillDay(now, rolloverHour, zone).start;
}

/** Start of the grill day `days` calendar days after the one starting at `start` (DST-safe). */
export function addDays(start: number, days: number, rolloverHour: number, zone: string): number {
  // A day is 22 to 26 hours long (daylight saving moves it by at most an hour), so three hours
  // past `days` plain days lies inside the day wanted.
  return grillDay(start + days * DAY + 3 * HOUR, rolloverHour, zone).start;
}

/** The calendar date (YYYY-MM-DD, in `zone`) of the grill day containing `ms`. */
export function dayKey(ms: number, rolloverHour: number, zone: string): string {
  return grillDay(ms, rolloverHour, zone).date;
}

/**
 * `ms` as a time whose UTC calendar date is the grill day of `ms` and whose time of day is the
 * time since that day began (at most 23:59:59.999): ts-fsrs counts elapsed days between UTC
 * dates, so it counts grill's days when given these times (two answers on the same local
 * evening are 0 days apart, as in Anki). See fromDayTime for the way back.
 */
export function toDayTime(ms: number, rolloverHour: number, zone: string): number {
  const day = grillDay(ms, rolloverHour, zone);
  return day.utcDate + Math.min(ms - day.start, DAY - 1);
}

/**
 * The real time a day-time (see toDayTime) stands for, given `reference`, a real time and its
 * day-time. A result `days` whole days later (an FSRS interval in days) lands on the grill day
 * that many calendar days after the reference's, at the same time since the day began (capped
 * to that day); anything shorter (a learning step in minutes) keeps its exact distance.
 */
export function fromDayTime(
  dayTime: number,
  rolloverHour: number,
  zone: string,
  reference: { real: number; dayTime: number },
  wholeDays: boolean,
): number {
  if (!wholeDays) return reference.real + (dayTime - reference.dayTime);
  const days = Math.round((dayOf(dayTime) - dayOf(reference.dayTime)) / DAY);
  const start = addDays(dayStart(reference.real, rolloverHour, zone), days, rolloverHour, zone);
  const next = addDays(start, 1, rolloverHour, zone);
  return Math.min(start + (dayTime - dayOf(dayTime)), next - 1);
}

/** The UTC midnight that starts the UTC date of `dayTime`. */
function dayOf(dayTime: number): number {
  return dayTime - (((dayTime % DAY) + DAY) % DAY);
}

/** Short human interval: 45s, 10m, 3h, 4d, 2.5mo, 1.2y. */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))}s`;
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
