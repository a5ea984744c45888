import { isSettingKey, type SettingKey } from '@grill/protocol/setting-keys';
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
  /**
   * The IANA time zone grill's days are counted in. Part of the collection (it syncs), so every
   * machine computes the same days whatever zone it runs in.
   */
  timeZone: string;
  /** The day of the interview being prepared for (YYYY-MM-DD, a day in `timeZone`), or null. */
  interviewDate: string | null;
  /** Exam mode: the last days before the interview, kept for review only (no new cards). */
  reviewOnlyDays: number;
  /** Exam mode: the most new cards a day the pace toward the interview may ask for. */
  maxNewPerDay: number;
  /** FSRS-6 weights fitted to the user's history (grill optimize), or null for FSRS's defaults. */
  weights: number[] | null;
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
  // A collection records the zone of the machine that created it (Grill.ensureTimeZone); before
  // that event, days are UTC days on every machine, so a replay never depends on where it runs.
  timeZone: 'UTC',
  interviewDate: null,
  reviewOnlyDays: 3,
  maxNewPerDay: 50,
  weights: null,
};

/** The user-facing setting names (as typed in `grill config`) and what they mean. */
export const SETTING_KEYS = {
  retention: { field: 'retention', help: 'desired retention, 0.7-0.99' },
  'max-interval': { field: 'maxInterval', help: 'longest interval in days' },
  'learning-steps': { field: 'learningSteps', help: 'learning steps, e.g. "1m 10m"' },
  'relearning-steps': { field: 'relearningSteps', help: 'relearning steps, e.g. "10m"' },
  'new-per-day': { field: 'newPerDay', help: 'new cards per day' },
  'reviews-per-day': { field: 'reviewsPerDay', help: 'reviews per day' },
  'rollover-hour': { field: 'rolloverHour', help: 'local hour a new day starts, 0-23' },
  'leech-threshold': { field: 'leechThreshold', help: 'lapses that make a card a leech' },
  'time-zone': { field: 'timeZone', help: 'time zone the days are counted in, e.g. Europe/Berlin' },
  'interview-date': { field: 'interviewDate', help: 'the day of your interview, e.g. 2026-12-15' },
  'review-only-days': { field: 'reviewOnlyDays', help: 'last days before the interview with no new cards' },
  'max-new-per-day': {
    field: 'maxNewPerDay',
    help: 'exam mode: the most the pace may raise new cards a day to (new-per-day still applies)',
  },
  weights: { field: 'weights', help: 'FSRS-6 weights fitted by grill optimize (unset: the defaults)' },
} as const satisfies Record<SettingKey, { field: keyof Settings; help: string }>;

export { isSettingKey, type SettingKey };

export function unknownSetting(key: string): InvalidInputError {
  return new InvalidInputError(
    'unknown-setting',
    `unknown setting "${key}" (settings: ${Object.keys(SETTING_KEYS).join(', ')})`,
  );
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
  if (value === null) return '(not set)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(' ');
  return String(value);
}
