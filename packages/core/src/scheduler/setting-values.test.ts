import { describe, expect, it } from 'vitest';
import { isValidSettingValue, parseSettingValue } from './setting-values.js';
import { SETTING_KEYS } from './settings.js';

const BAD: Record<keyof typeof SETTING_KEYS, [string, string]> = {
  retention: ['2', 'retention must be a number from 0.7 to 0.99, not "2"'],
  'max-interval': ['0', 'max-interval must be a whole number from 1 to 36500, not "0"'],
  'learning-steps': [
    '1m soon',
    'learning-steps must be whole minutes, hours or days, each longer than the one before, like 1m 10m 1h 1d (1.5h is taken as 90m), not "1m soon"',
  ],
  'relearning-steps': [
    '10',
    'relearning-steps must be whole minutes, hours or days, each longer than the one before, like 1m 10m 1h 1d (1.5h is taken as 90m), not "10"',
  ],
  'new-per-day': ['2.5', 'new-per-day must be a whole number from 0 to 9999, not "2.5"'],
  'reviews-per-day': ['-1', 'reviews-per-day must be a whole number from 0 to 99999, not "-1"'],
  'rollover-hour': ['24', 'rollover-hour must be a whole number from 0 to 23, not "24"'],
  'leech-threshold': ['many', 'leech-threshold must be a whole number from 1 to 99, not "many"'],
  'time-zone': [
    'Mars/Olympus',
    'time-zone must be a time zone name like Europe/Berlin, America/New_York or UTC, not "Mars/Olympus"',
  ],
  'interview-date': ['2026-02-30', 'interview-date must be a date like 2026-12-15, not "2026-02-30"'],
  'review-only-days': ['31', 'review-only-days must be a whole number from 0 to 30, not "31"'],
  'max-new-per-day': ['-5', 'max-new-per-day must be a whole number from 0 to 9999, not "-5"'],
  weights: [
    '0.2 1.2',
    'weights must be 21 FSRS-6 weights within their bounds (grill optimize fits them), not "0.2 1.2"',
  ],
};

describe('parseSettingValue', () => {
  it('has a bad-value case for every setting', () => {
    expect(Object.keys(BAD).sort()).toEqual(Object.keys(SETTING_KEYS).sort());
  });

  for (const [key, [raw, message]] of Object.entries(BAD)) {
    it(`says in plain words what ${key} accepts`, () => {
      expect(() => parseSettingValue(key, raw)).toThrow(message);
      try {
        parseSettingValue(key, raw);
      } catch (error) {
        expect(error).toMatchObject({ code: 'bad-setting', message });
      }
    });
  }

  it('never shows a schema library message, at either end of a range or for text', () => {
    for (const key of Object.keys(SETTING_KEYS))
      for (const raw of ['abc', '-5', '1e9', '0.5', 'Infinity']) {
        let message = '';
        try {
          parseSettingValue(key, raw);
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).not.toMatch(/expected|Too (big|small)|Invalid|<=|>=/);
      }
  });

  it('accepts the values it always accepted', () => {
    expect(parseSettingValue('retention', '0.7')).toBe(0.7);
    expect(parseSettingValue('retention', '0.99')).toBe(0.99);
    expect(parseSettingValue('new-per-day', '0')).toBe(0);
    expect(parseSettingValue('reviews-per-day', '99999')).toBe(99999);
    expect(parseSettingValue('max-interval', '36500')).toBe(36500);
    expect(parseSettingValue('rollover-hour', '23')).toBe(23);
    expect(parseSettingValue('leech-threshold', '1')).toBe(1);
    expect(parseSettingValue('learning-steps', ' 1m, 10m 1h 2d ')).toEqual(['1m', '10m', '1h', '2d']);
    expect(parseSettingValue('relearning-steps', '')).toEqual([]);
  });

  it('takes weights as spaced or comma-separated numbers, or as the JSON array config get --json prints', () => {
    const w = [
      0.2, 1.2, 3.3, 15.7, 7.2, 0.53, 1.46, 0.005, 1.55, 0.12, 1.01, 1.93, 0.11, 0.3, 2.27, 0.23, 2.99, 0.52,
      0.66, 0.1, 0.15,
    ];
    expect(parseSettingValue('weights', w.join(' '))).toEqual(w);
    expect(parseSettingValue('weights', w.join(', '))).toEqual(w);
    expect(parseSettingValue('weights', JSON.stringify(w))).toEqual(w);
    expect(parseSettingValue('weights', ` ${JSON.stringify(w, null, 2)} `)).toEqual(w);
    expect(() => parseSettingValue('weights', `[${w.join(' ')}`)).toThrow(/21 FSRS-6 weights/);
  });

  it('takes steps only as they are scheduled: fractions that are whole minutes become minutes, others are refused', () => {
    // ts-fsrs would run 1.5h as 1h and skip 0.5d: grill stores what is scheduled exactly.
    expect(parseSettingValue('learning-steps', '1m 1.5h 0.5d')).toEqual(['1m', '90m', '720m']);
    expect(parseSettingValue('relearning-steps', '2.0h')).toEqual(['2h']);
    for (const bad of ['0.5m', '0m', '1.25m', '0d', '1.001h', '10m 1m', '1h 60m', '1d 1d'])
      expect(() => parseSettingValue('learning-steps', bad), bad).toThrow(/whole minutes, hours or days/);
  });

  it('stores a time zone under its canonical name', () => {
    expect(parseSettingValue('time-zone', 'europe/berlin')).toBe('Europe/Berlin');
    expect(parseSettingValue('time-zone', 'utc')).toBe('UTC');
    expect(isValidSettingValue('time-zone', 'Europe/Berlin')).toBe(true);
    // As data (synced from a machine whose platform spells zones differently), any name the
    // platform knows is valid; names that are not IANA zones never are.
    expect(isValidSettingValue('time-zone', 'Asia/Kolkata')).toBe(true);
    expect(isValidSettingValue('time-zone', 'Asia/Calcutta')).toBe(true);
    expect(isValidSettingValue('time-zone', 'local')).toBe(false);
    expect(isValidSettingValue('time-zone', 'UTC+3')).toBe(false);
    expect(isValidSettingValue('time-zone', 'Mars/Olympus')).toBe(false);
  });

  it('takes an interview date as a calendar day, written YYYY-MM-DD', () => {
    expect(parseSettingValue('interview-date', ' 2026-12-15 ')).toBe('2026-12-15');
    expect(parseSettingValue('interview-date', '2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2027-02-29', '2026-13-01', '15.12.2026', '2026-12-5', 'tomorrow', ''])
      expect(() => parseSettingValue('interview-date', bad), bad).toThrow(/a date like 2026-12-15/);
    expect(isValidSettingValue('interview-date', '2026-12-15')).toBe(true);
    expect(isValidSettingValue('interview-date', '2026-12-15T09:00')).toBe(false);
  });

  it('checks stored values (as synced) by the same rules', () => {
    expect(isValidSettingValue('learning-steps', ['1m', '90m'])).toBe(true);
    expect(isValidSettingValue('learning-steps', ['1.5h'])).toBe(false);
    expect(isValidSettingValue('retention', 0.9)).toBe(true);
    expect(isValidSettingValue('retention', '0.9')).toBe(false);
    expect(isValidSettingValue('retention', 2)).toBe(false);
    expect(isValidSettingValue('new-per-day', null)).toBe(true);
    expect(isValidSettingValue('colour', 'red')).toBe(false);
  });

  it('rejects an unknown setting by name', () => {
    expect(() => parseSettingValue('colour', 'red')).toThrow(/^unknown setting "colour"/);
  });
});
