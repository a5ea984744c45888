/**
 * Setting names and time-zone names: what every command needs, without the validators (which
 * load TypeBox; see settings.ts).
 */

/** The settings, by the names `grill config` and the sync protocol use. */
export const SETTING_KEY_NAMES = [
  'retention',
  'max-interval',
  'learning-steps',
  'relearning-steps',
  'new-per-day',
  'reviews-per-day',
  'rollover-hour',
  'leech-threshold',
  'time-zone',
  'interview-date',
  'review-only-days',
  'max-new-per-day',
  'weights',
] as const;
export type SettingKey = (typeof SETTING_KEY_NAMES)[number];
/** Settings that exist only collection-wide (a deck cannot override them). */
export const GLOBAL_ONLY_SETTINGS: readonly SettingKey[] = ['time-zone'];

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEY_NAMES as readonly string[]).includes(key);
}

/**
 * The zone's canonical IANA name per the platform's time-zone data (`utc` → `UTC`,
 * `US/Pacific` → `America/Los_Angeles`), or null when it is not an IANA zone at all (`local`,
 * `UTC+3`: names some libraries accept but that would mean different days on different machines).
 */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether `date` (YYYY-MM-DD) names a day of the Gregorian calendar (no 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
