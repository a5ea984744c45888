/** Day boundaries in local time with a rollover hour (a "day" starts at e.g. 04:00). Pure. */

const HOUR = 3_600_000;

/** Start (ms) of the grill day containing `now`. */
export function dayStart(now: number, rolloverHour: number): number {
  const d = new Date(now - rolloverHour * HOUR);
  d.setHours(rolloverHour, 0, 0, 0);
  return d.getTime();
}

/** Start of the grill day `days` days after the one starting at `start` (DST-safe). */
export function addDays(start: number, days: number, rolloverHour: number): number {
  const d = new Date(start);
  d.setDate(d.getDate() + days);
  d.setHours(rolloverHour, 0, 0, 0);
  return d.getTime();
}

/** The calendar date (YYYY-MM-DD, local) of the grill day containing `ms`. */
export function dayKey(ms: number, rolloverHour: number): string {
  const d = new Date(ms - rolloverHour * HOUR);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
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
