import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { canonicalTimeZone, isTimeZone } from './day.js';
import { isSettingKey, type SettingKey, unknownSetting } from './settings.js';

// Kept apart from settings.ts so that only commands that change settings load the validator.

/**
 * A setting's validator: `parse` takes the text typed in `grill config set`, `check` the value as
 * stored and synced (JSON), and `expected` says in plain words what both accept.
 */
interface SettingValue {
  parse: z.ZodType;
  check: z.ZodType;
  expected: string;
}

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

const STEP = /^[1-9]\d*[mhd]$/;

/** Each step longer than the one before (a shorter step after a longer one breaks the order of ratings). */
function increasing(list: readonly string[]): boolean {
  const minutes = list.map(
    (step) => Number.parseInt(step, 10) * MINUTES[step.slice(-1) as keyof typeof MINUTES],
  );
  return minutes.every((m, i) => i === 0 || m > (minutes[i - 1] as number));
}

const stepList = z.array(z.string().regex(STEP)).max(20).refine(increasing);
const steps: SettingValue = {
  parse: z
    .string()
    .trim()
    .transform((s) => (s === '' ? [] : s.split(/[\s,]+/)).map(exactStep))
    .pipe(stepList),
  check: stepList,
  expected:
    'whole minutes, hours or days, each longer than the one before, like 1m 10m 1h 1d (1.5h is taken as 90m)',
};

const int = (min: number, max: number): SettingValue => ({
  parse: z.coerce.number().int().min(min).max(max),
  check: z.number().int().min(min).max(max),
  expected: `a whole number from ${min} to ${max}`,
});

const number = (min: number, max: number): SettingValue => ({
  parse: z.coerce.number().min(min).max(max),
  check: z.number().min(min).max(max),
  expected: `a number from ${min} to ${max}`,
});

// Stored under the zone's canonical name (`utc` → `UTC`), so every machine compares the same text.
const zone = z.string().trim().refine(isTimeZone).transform(canonicalTimeZone);
const timeZone: SettingValue = {
  parse: zone,
  check: z.string().refine((value) => isTimeZone(value) && canonicalTimeZone(value) === value),
  expected: 'a time zone name like Europe/Berlin, America/New_York or UTC',
};

/** The one definition of each setting's valid values. */
const SETTING_VALUES: Record<SettingKey, SettingValue> = {
  retention: number(0.7, 0.99),
  'max-interval': int(1, 36500),
  'learning-steps': steps,
  'relearning-steps': steps,
  'new-per-day': int(0, 9999),
  'reviews-per-day': int(0, 99999),
  'rollover-hour': int(0, 23),
  'leech-threshold': int(1, 99),
  'time-zone': timeZone,
};

/**
 * Parses a setting's text value. A bad value throws an InvalidInputError (`bad-setting`) that
 * says what the setting accepts, e.g. `retention must be a number from 0.7 to 0.99, not "2"`.
 */
export function parseSettingValue(key: string, raw: string): unknown {
  if (!isSettingKey(key)) throw unknownSetting(key);
  const { parse, expected } = SETTING_VALUES[key];
  const result = parse.safeParse(raw);
  if (!result.success) throw new InvalidInputError('bad-setting', `${key} must be ${expected}, not "${raw}"`);
  return result.data;
}

/**
 * Whether `value` is a valid stored value of setting `key` (null removes an override). The same
 * rules as parseSettingValue, for values that arrive as data: a synced settings change, say.
 * Unknown keys are not valid.
 */
export function isValidSettingValue(key: string, value: unknown): boolean {
  if (!isSettingKey(key)) return false;
  return value === null || SETTING_VALUES[key].check.safeParse(value).success;
}
