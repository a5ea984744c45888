// The options of grill mock, parsed: pure functions, so every bad value is tested without a terminal.
import { InvalidInputError } from '@grill/core';
import type { MockOptions } from '../ui/app-state.js';

const MIN_CARD_MS = 10_000;
const MAX_CARD_MS = 30 * 60_000;
const MAX_MINUTES = 600;

/** A time to answer one question (`90s`, `2m`, `1.5m`, `1m30s`) in ms, or null when it is not one. */
export function parseCardTime(text: string): number | null {
  const m = /^(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const ms = Math.round((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 1000);
  return Number.isFinite(ms) ? ms : null;
}

/** The interview's settings from the command line's text; an InvalidInputError names a bad one. */
export function parseMockOptions(opts: {
  minutes?: string;
  perCard?: string;
  deck?: string;
  tag?: string;
}): MockOptions {
  const minutesText = opts.minutes ?? '20';
  const minutes = /^\d+(?:\.\d+)?$/.test(minutesText.trim()) ? Number(minutesText) : Number.NaN;
  if (!(minutes > 0 && minutes <= MAX_MINUTES))
    throw new InvalidInputError(
      'bad-minutes',
      `bad --minutes "${minutesText}": the interview's length in minutes, more than 0 and at most ${MAX_MINUTES}`,
    );
  const perCardText = opts.perCard ?? '2m';
  const perCardMs = parseCardTime(perCardText);
  if (perCardMs === null || perCardMs < MIN_CARD_MS || perCardMs > MAX_CARD_MS)
    throw new InvalidInputError(
      'bad-per-card',
      `bad --per-card "${perCardText}": a time like 90s, 2m or 1m30s, from 10s to 30m`,
    );
  return {
    selection: {
      ...(opts.deck ? { deck: opts.deck } : {}),
      ...(opts.tag !== undefined ? { tag: opts.tag } : {}),
    },
    minutes,
    perCardMs,
  };
}
