import { describe, expect, it } from 'vitest';
import { parseCardTime, parseMockOptions } from './mock-options.js';

describe('grill mock options', () => {
  it('reads a time per question as seconds, minutes or both', () => {
    expect(parseCardTime('90s')).toBe(90_000);
    expect(parseCardTime('2m')).toBe(120_000);
    expect(parseCardTime('1.5m')).toBe(90_000);
    expect(parseCardTime('1m30s')).toBe(90_000);
    for (const bad of ['', '2', 'm', '2 minutes', '1h', '-1m', 's30'])
      expect(parseCardTime(bad), bad).toBeNull();
  });

  it('defaults to 20 minutes of 2-minute questions, and names a bad value', () => {
    expect(parseMockOptions({})).toEqual({ selection: {}, minutes: 20, perCardMs: 120_000 });
    expect(parseMockOptions({ minutes: '45', perCard: '90s', deck: 'sql', tag: 'joins' })).toEqual({
      selection: { deck: 'sql', tag: 'joins' },
      minutes: 45,
      perCardMs: 90_000,
    });
    expect(() => parseMockOptions({ minutes: 'ten' })).toThrow(
      'bad --minutes "ten": the interview\'s length in minutes, more than 0 and at most 600',
    );
    expect(() => parseMockOptions({ minutes: '0' })).toThrow(/bad --minutes "0"/);
    expect(() => parseMockOptions({ perCard: '5s' })).toThrow(
      'bad --per-card "5s": a time like 90s, 2m or 1m30s, from 10s to 30m',
    );
    expect(() => parseMockOptions({ perCard: '31m' })).toThrow(/bad --per-card "31m"/);
  });
});
