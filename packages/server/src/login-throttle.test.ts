import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CountingLoginThrottle, MemoryLoginThrottle } from './login-throttle.js';
import type { ServerStore } from './store.js';
import { describeEachBackend } from './test-support/backends.js';

// The limits counted in each backend's counters: this process's memory (SQLite), tables (PostgreSQL).
describeEachBackend('the login throttle', (backend) => {
  const account = { afterFailures: 2, initialDelayMs: 1_000, maxDelayMs: 10_000 };
  let store: ServerStore;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it("forgets an account's failures after a quiet spell as long as the longest backoff", async () => {
    const throttle = new CountingLoginThrottle(store.loginCounters(), { account });
    expect(await throttle.beginLogin('a', 'ann', 0)).toBeNull();
    // This second failure would start a backoff, but the first is forgotten by then...
    expect(await throttle.beginLogin('a', 'ann', 10_000)).toBeNull();
    expect(await throttle.beginLogin('a', 'ann', 10_001)).toBeNull();
    // ...so the backoff starts only now.
    expect(await throttle.beginLogin('a', 'ann', 10_002)).toEqual({ limit: 'account', retryAfterMs: 999 });
  });

  it('takes back a success only within the window it was counted in', async () => {
    const throttle = new CountingLoginThrottle(store.loginCounters(), {
      login: { max: 1, timeWindow: 1_000 },
    });
    expect(await throttle.beginLogin('a', 'ann', 0)).toBeNull();
    await throttle.loginSucceeded('a', 'ann', 0);
    expect(await throttle.beginLogin('a', 'ann', 500)).toBeNull();
    await throttle.loginSucceeded('a', 'ann', 1_500);
    expect(await throttle.beginLogin('a', 'bob', 1_500)).toBeNull();
    expect(await throttle.beginLogin('a', 'cy', 1_600)).toMatchObject({ limit: 'address' });
  });

  it('backs off an account only for the addresses its failures came from, doubling to the cap', async () => {
    const throttle = new CountingLoginThrottle(store.loginCounters(), { account });
    expect(await throttle.beginLogin('a', 'Ann', 0)).toBeNull();
    expect(await throttle.beginLogin('b', 'ann', 0)).toBeNull();
    expect(await throttle.beginLogin('a', 'ANN', 10)).toEqual({ limit: 'account', retryAfterMs: 990 });
    expect(await throttle.beginLogin('b', 'ann', 10)).toEqual({ limit: 'account', retryAfterMs: 990 });
    expect(await throttle.beginLogin('c', 'ann', 10)).toBeNull();
    expect(await throttle.beginLogin('c', 'ann', 2_000)).toEqual({ limit: 'account', retryAfterMs: 10 });
    await throttle.loginSucceeded('c', 'ann', 2_000);
    expect(await throttle.beginLogin('a', 'ann', 2_000)).toBeNull();
  });

  it('counts sign-ups per address in their own window, and sweeps what has expired', async () => {
    const throttle = new CountingLoginThrottle(store.loginCounters(), {
      registration: { max: 2, timeWindow: 60_000 },
      login: { max: 1, timeWindow: 60_000 },
    });
    expect(await throttle.beginRegistration('a', 0)).toBeNull();
    expect(await throttle.beginRegistration('a', 1)).toBeNull();
    expect(await throttle.beginRegistration('a', 2)).toEqual({ limit: 'registration', retryAfterMs: 59_998 });
    // Failed logins are another count.
    expect(await throttle.beginLogin('a', 'ann', 3)).toBeNull();
    expect(await store.loginCounters().sweep(60_000)).toBeUndefined();
    expect(await throttle.beginRegistration('a', 60_000)).toBeNull();
    expect(await throttle.beginLogin('a', 'bob', 60_003)).toBeNull();
  });
});

describe('MemoryLoginThrottle', () => {
  it('keeps at most maxEntries per table, dropping the least recently touched', async () => {
    const throttle = new MemoryLoginThrottle({ login: { max: 1, timeWindow: 60_000 }, maxEntries: 2 });
    await throttle.beginLogin('a', 'x', 0);
    await throttle.beginLogin('b', 'y', 0);
    expect(await throttle.beginLogin('a', 'z', 0)).toMatchObject({ limit: 'address' });
    await throttle.beginLogin('c', 'w', 0);
    // 'a' was dropped (memory stays bounded under a spray of addresses); 'b' and 'c' are kept.
    expect(await throttle.beginLogin('a', 'v', 0)).toBeNull();
    expect(await throttle.beginLogin('c', 'u', 0)).toMatchObject({ limit: 'address' });
  });
});
