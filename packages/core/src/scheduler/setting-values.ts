import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { isSettingKey, SETTING_KEYS, type SettingKey, unknownSetting } from './settings.js';

// Kept apart from settings.ts so that only commands that change settings load the validator.

const steps = z
  .string()
  .trim()
  .transform((s) => (s === '' ? [] : s.split(/[\s,]+/)))
  .pipe(z.array(z.string().regex(/^\d+(\.\d+)?[mhd]$/, 'steps look like 1m 10m 1h 1d')));

const int = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

const PARSERS: Record<SettingKey, z.ZodType> = {
  retention: z.coerce.number().min(0.7).max(0.99),
  'max-interval': int(1, 36500),
  'learning-steps': steps,
  'relearning-steps': steps,
  'new-per-day': int(0, 9999),
  'reviews-per-day': int(0, 99999),
  'rollover-hour': int(0, 23),
  'leech-threshold': int(1, 99),
};

/** Parses a setting's text value; throws a clear error naming the key and the expected form. */
export function parseSettingValue(key: string, raw: string): unknown {
  if (!isSettingKey(key)) throw unknownSetting(key);
  const result = PARSERS[key].safeParse(raw);
  if (!result.success) {
    throw new InvalidInputError(
      'bad-setting',
      `bad value "${raw}" for ${key}: ${result.error.issues[0]?.message ?? 'invalid'} (${SETTING_KEYS[key].help})`,
    );
  }
  return result.data;
}
