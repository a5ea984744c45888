import { SyncError } from '@grill/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_STORAGE, reportError, SYNC_EXIT_CODES } from './errors.js';

describe('reportError', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });
  const capture = () =>
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });

  it('gives each kind of sync failure its own exit status, and one line', () => {
    capture();
    const codes = Object.entries(SYNC_EXIT_CODES).map(([code]) =>
      reportError(new SyncError(code, `${code} happened`)),
    );
    expect(codes).toEqual(Object.values(SYNC_EXIT_CODES));
    // Distinct, except the two kinds of an answer that could not be used.
    const distinct = new Set(
      Object.entries(SYNC_EXIT_CODES)
        .filter(([c]) => c !== 'stream-changed')
        .map(([, n]) => n),
    );
    expect(distinct.size).toBe(Object.keys(SYNC_EXIT_CODES).length - 1);
    for (const line of written) expect(line).toMatch(/^grill: [^\n]+\n$/);
  });

  it('says a full disk in one line, without a stack, and exits with its own status', () => {
    capture();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(reportError(full)).toBe(EXIT_STORAGE);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(
      /^grill: the disk holding the grill database is full: nothing of the last step was saved/,
    );
  });

  it('says a busy database (another grill writing for seconds) in one line, with the storage status', () => {
    capture();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(reportError(busy)).toBe(EXIT_STORAGE);
    expect(written[0]).toMatch(/^grill: the grill database is busy: another grill has been writing to it/);
    expect(written).toHaveLength(1);
  });
});
