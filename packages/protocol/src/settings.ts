/**
 * Each setting's valid values, as they are stored and synced: the one definition that
 * `grill config set`, the client ingesting pulled events and grill-server all check against.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { WEIGHT_BOUNDS } from './limits.js';
import {
  canonicalTimeZone,
  isCalendarDate,
  isSettingKey,
  SETTING_KEY_NAMES,
  type SettingKey,
} from './setting-keys.js';

export { isCalendarDate, WEIGHT_BOUNDS };

const MINUTES = { m: 1, h: 60, d: 1440 } as const;
/** A learning step as ts-fsrs schedules it: a whole number of minutes, hours or days. */
export const STEP_PATTERN = '^[1-9][0-9]*[mhd]$';
const MAX_STEPS = 20;
/** Longest step: the longest interval there is (36500 days). */
const MAX_STEP_MINUTES = 36500 * 1440;

interface SettingRule<S extends TSchema = TSchema> {
  schema: S;
  /** What the setting accepts, in plain words (completes "retention must be …"). */
  expected: string;
  /** A rule the schema cannot say; true when the value (already matching the schema) keeps it. */
  holds?: (value: Static<S>) => boolean;
}

const int = (min: number, max: number): SettingRule => ({
  schema: Type.Integer({ minimum: min, maximum: max }),
  expected: `a whole number from ${min} to ${max}`,
});
const number = (min: number, max: number): SettingRule => ({
  schema: Type.Number({ minimum: min, maximum: max }),
  expected: `a number from ${min} to ${max}`,
});

/** Minutes in a step that matches STEP_PATTERN. */
export function stepMinutes(step: string): number {
  return Number.parseInt(step, 10) * MINUTES[step.slice(-1) as keyof typeof MINUTES];
}

const steps: SettingRule = {
  schema: Type.Array(Type.String({ pattern: STEP_PATTERN }), { maxItems: MAX_STEPS }),
  expected: `whole minutes, hours or days, each longer than the one before, like 1m 10m 1h 1d (1.5h is taken as 90m)`,
  // A shorter step after a longer one breaks the order of the ratings' intervals.
  holds: (list) =>
    (list as string[]).every(
      (s, i, all) =>
        stepMinutes(s) <= MAX_STEP_MINUTES && (i === 0 || stepMinutes(s) > stepMinutes(all[i - 1]!)),
    ),
};

const timeZone: SettingRule = {
  schema: Type.String({ minLength: 1, maxLength: 64 }),
  expected: 'a time zone name like Europe/Berlin, America/New_York or UTC',
  // Any name the platform's time-zone data knows. Not required to be the canonical spelling:
  // platforms disagree on it (Node 20's ICU says Asia/Calcutta where newer ones say Asia/Kolkata),
  // and a value one machine wrote must be valid on every other. `config set` stores the
  // canonical name of what is typed.
  holds: (zone) => canonicalTimeZone(zone as string) !== null,
};

const calendarDate: SettingRule = {
  schema: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  expected: 'a date like 2026-12-15',
  holds: (date) => isCalendarDate(date as string),
};

const weights: SettingRule = {
  schema: Type.Array(Type.Number(), { minItems: 21, maxItems: 21 }),
  expected: '21 FSRS-6 weights within their bounds (grill optimize fits them)',
  holds: (w) =>
    (w as number[]).every((x, i) => x >= (WEIGHT_BOUNDS[i]?.[0] ?? 0) && x <= (WEIGHT_BOUNDS[i]?.[1] ?? 0)),
};

export const SETTING_RULES = {
  retention: number(0.7, 0.99),
  'max-interval': int(1, 36500),
  'learning-steps': steps,
  'relearning-steps': steps,
  'new-per-day': int(0, 9999),
  'reviews-per-day': int(0, 99999),
  'rollover-hour': int(0, 23),
  'leech-threshold': int(1, 99),
  'time-zone': timeZone,
  'interview-date': calendarDate,
  'review-only-days': int(0, 30),
  'max-new-per-day': int(0, 9999),
  weights,
} as const satisfies Record<SettingKey, SettingRule>;

const compiled = new Map<SettingKey, TypeCheck<TSchema>>();

/**
 * What is wrong with `value` as the stored value of setting `key` — e.g. `must be a number from
 * 0.7 to 0.99` — or null when it is valid. Null (which removes an override) is valid for every
 * setting; an unknown key never is.
 */
export function settingValueProblem(key: string, value: unknown): string | null {
  if (!isSettingKey(key)) return `is not a setting (settings: ${SETTING_KEY_NAMES.join(', ')})`;
  if (value === null) return null;
  const rule: SettingRule = SETTING_RULES[key];
  let check = compiled.get(key);
  if (!check) {
    check = TypeCompiler.Compile(rule.schema);
    compiled.set(key, check);
  }
  if (check.Check(value) && (!rule.holds || rule.holds(value))) return null;
  return `must be ${rule.expected}`;
}
