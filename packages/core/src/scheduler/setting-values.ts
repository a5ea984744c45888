import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { isSettingKey, type SettingKey, unknownSetting } from './settings.js';

// Kept apart from settings.ts so that only commands that change settings load the validator.

/** A setting's validator and, in plain words, the values it accepts (the error message says it). */
interface SettingValue {
  schema: z.ZodType;
  expected: string;
}

const steps: SettingValue = {
  schema: z
    .string()
    .trim()
    .transform((s) => (s === '' ? [] : s.split(/[\s,]+/)))
    .pipe(z.array(z.string().regex(/^\d+(\.\d+)?[mhd]$/))),
  expected: 'durations like 1m 10m 1h 1d',
};

const int = (min: number, max: number): SettingValue => ({
  schema: z.coerce.number().int().min(min).max(max),
  expected: `a whole number from ${min} to ${max}`,
});

const number = (min: number, max: number): SettingValue => ({
  schema: z.coerce.number().min(min).max(max),
  expected: `a number from ${min} to ${max}`,
});

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
};

/**
 * Parses a setting's text value. A bad value throws an InvalidInputError (`bad-setting`) that
 * says what the setting accepts, e.g. `retention must be a number from 0.7 to 0.99, not "2"`.
 */
export function parseSettingValue(key: string, raw: string): unknown {
  if (!isSettingKey(key)) throw unknownSetting(key);
  const { schema, expected } = SETTING_VALUES[key];
  const result = schema.safeParse(raw);
  if (!result.success) throw new InvalidInputError('bad-setting', `${key} must be ${expected}, not "${raw}"`);
  return result.data;
}
