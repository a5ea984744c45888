import { z } from 'zod';
import { InvalidInputError } from '../errors.js';

/** Scheduling and limit settings. Global values, with per-deck overrides. */
export interface Settings {
  /** Desired retention, 0.7–0.99. */
  retention: number;
  /** Longest interval FSRS may give, in days. */
  maxInterval: number;
  /** Learning steps, e.g. `1m 10m`. */
  learningSteps: string[];
  relearningSteps: string[];
  /** New cards introduced per day. */
  newPerDay: number;
  /** Review-card answers per day. */
  reviewsPerDay: number;
  /** Local hour (0–23) at which a new day starts. */
  rolloverHour: number;
  /** Lapses at which a card is flagged as a leech. */
  leechThreshold: number;
}

export const DEFAULT_SETTINGS: Settings = {
  retention: 0.9,
  maxInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  newPerDay: 20,
  reviewsPerDay: 200,
  rolloverHour: 4,
  leechThreshold: 8,
};

const steps = z
  .string()
  .trim()
  .transform((s) => (s === '' ? [] : s.split(/[\s,]+/)))
  .pipe(z.array(z.string().regex(/^\d+(\.\d+)?[mhd]$/, 'steps look like 1m 10m 1h 1d')));

const int = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

/** The user-facing setting names (as typed in `grill config`), their meaning and parser. */
export const SETTING_KEYS = {
  retention: {
    field: 'retention',
    help: 'desired retention, 0.7-0.99',
    parse: z.coerce.number().min(0.7).max(0.99),
  },
  'max-interval': { field: 'maxInterval', help: 'longest interval in days', parse: int(1, 36500) },
  'learning-steps': { field: 'learningSteps', help: 'learning steps, e.g. "1m 10m"', parse: steps },
  'relearning-steps': { field: 'relearningSteps', help: 'relearning steps, e.g. "10m"', parse: steps },
  'new-per-day': { field: 'newPerDay', help: 'new cards per day', parse: int(0, 9999) },
  'reviews-per-day': { field: 'reviewsPerDay', help: 'reviews per day', parse: int(0, 99999) },
  'rollover-hour': { field: 'rolloverHour', help: 'local hour a new day starts, 0-23', parse: int(0, 23) },
  'leech-threshold': { field: 'leechThreshold', help: 'lapses that make a card a leech', parse: int(1, 99) },
} as const satisfies Record<string, { field: keyof Settings; help: string; parse: z.ZodType }>;

export type SettingKey = keyof typeof SETTING_KEYS;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_KEYS, key);
}

/** Parses a setting's text value; throws a clear error naming the key and the expected form. */
export function parseSettingValue(key: string, raw: string): unknown {
  if (!isSettingKey(key)) {
    throw new InvalidInputError(
      'unknown-setting',
      `unknown setting "${key}" (settings: ${Object.keys(SETTING_KEYS).join(', ')})`,
    );
  }
  const spec = SETTING_KEYS[key];
  const result = spec.parse.safeParse(raw);
  if (!result.success) {
    throw new InvalidInputError(
      'bad-setting',
      `bad value "${raw}" for ${key}: ${result.error.issues[0]?.message ?? 'invalid'} (${spec.help})`,
    );
  }
  return result.data;
}

/** Applies stored overrides (by user-facing key) to the defaults. Unknown keys are ignored. */
export function resolveSettings(...layers: ReadonlyArray<Readonly<Record<string, unknown>>>): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (isSettingKey(key))
        (settings as unknown as Record<string, unknown>)[SETTING_KEYS[key].field] = value;
    }
  }
  return settings;
}

export function formatSettingValue(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}
