import { describe, expect, it } from 'vitest';
import { MemoryLoginThrottle } from './login-throttle.js';

describe('MemoryLoginThrottle', () => {
  const account = { afterFailures: 2, initialDelayMs: 1_000, maxDelayMs: 10_000 };

  it("forgets an account's failures after a quiet spell as long as the longest backoff", async () => {
    const throttle = new MemoryLoginThrottle({ account });
    expect(await throttle.beginLogin('a', 'ann', 0)).toBeNull();
    // This second failure would start a backoff, but the first is forgotten by then...
    expect(await throttle.beginLogin('a', 'ann', 10_000)).toBeNull();
    expect(await throttle.beginLogin('a', 'ann', 10_001)).toBeNull();
    // ...so the backoff starts only now.
    expect(await throttle.beginLogin('a', 'ann', 10_002)).toEqual({ limit: 'account', retryAfterMs: 999 });
  });

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

  it('takes back a success only within the window it was counted in', async () => {
    const throttle = new MemoryLoginThrottle({ login: { max: 1, timeWindow: 1_000 } });
    expect(await throttle.beginLogin('a', 'ann', 0)).toBeNull();
    await throttle.loginSucceeded('a', 'ann', 0);
    expect(await throttle.beginLogin('a', 'ann', 500)).toBeNull();
    await throttle.loginSucceeded('a', 'ann', 1_500);
    expect(await throttle.beginLogin('a', 'bob', 1_500)).toBeNull();
    expect(await throttle.beginLogin('a', 'cy', 1_600)).toMatchObject({ limit: 'address' });
  });
});
