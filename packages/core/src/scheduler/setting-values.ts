import { canonicalTimeZone, type SettingKey } from '@grill/protocol/setting-keys';
import { settingValueProblem } from '@grill/protocol/settings';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { isSettingKey, unknownSetting } from './settings.js';

// Kept apart from settings.ts so that only commands that change settings load the validator.

/**
 * How `grill config set` reads each setting's text. The value it makes is then checked by the
 * protocol's rules (settingValueProblem), the one definition that synced changes are checked
 * against too.
 */
const MINUTES = { m: 1, h: 60, d: 1440 } as const;

/**
 * A step as ts-fsrs schedules it: a whole number of minutes, hours or days (ts-fsrs truncates
 * `1.5h` to 1h and `0.5d` to nothing). A fraction that is a whole number of minutes is written in
 * minutes (`1.5h` → `90m`); anything else is refused.
 */
function exactStep(step: string): string | null {
  const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(step);
  if (!m) return null;
  const minutes = Number(m[1]) * MINUTES[m[2] as keyof typeof MINUTES];
  if (!(minutes >= 1) || !Number.isInteger(Math.round(minutes * 1e9) / 1e9)) return null;
  return Number.isInteger(Number(m[1])) ? `${Number(m[1])}${m[2]}` : `${Math.round(minutes)}m`;
}

const steps = z
  .string()
  .trim()
  .transform((s) => (s === '' ? [] : s.split(/[\s,]+/)).map(exactStep));
const numeric = z.coerce.number();
// Stored under the zone's canonical name (`utc` → `UTC`), so every machine compares the same text.
const zone = z
  .string()
  .trim()
  .transform((name) => canonicalTimeZone(name) ?? name);

/** Text → value, per setting; the result is checked by the protocol's rules. */
const SETTING_TEXT: Record<SettingKey, z.ZodType> = {
  retention: numeric,
  'max-interval': numeric,
  'learning-steps': steps,
  'relearning-steps': steps,
  'new-per-day': numeric,
  'reviews-per-day': numeric,
  'rollover-hour': numeric,
  'leech-threshold': numeric,
  'time-zone': zone,
  'interview-date': z.string().trim(),
  'review-only-days': numeric,
  'max-new-per-day': numeric,
  // 21 numbers apart by spaces or commas; the JSON array `config get weights --json` prints too.
  weights: z
    .string()
    .trim()
    .transform((s) =>
      s
        .replace(/^\[([\s\S]*)\]$/, '$1')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
    ),
};

/**
 * Parses a setting's text value. A bad value throws an InvalidInputError (`bad-setting`) that
 * says what the setting accepts, e.g. `retention must be a number from 0.7 to 0.99, not "2"`.
 */
export function parseSettingValue(key: string, raw: string): unknown {
  if (!isSettingKey(key)) throw unknownSetting(key);
  const result = SETTING_TEXT[key].safeParse(raw);
  const problem = result.success
    ? settingValueProblem(key, result.data)
    : settingValueProblem(key, Number.NaN);
  if (problem) throw new InvalidInputError('bad-setting', `${key} ${problem}, not "${raw}"`);
  return result.data;
}

/**
 * Whether `value` is a valid stored value of setting `key` (null removes an override). The same
 * rules as parseSettingValue, for values that arrive as data: a synced settings change, say.
 * Unknown keys are not valid.
 */
export function isValidSettingValue(key: string, value: unknown): boolean {
  return settingValueProblem(key, value) === null;
}
