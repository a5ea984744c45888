import { ServerError } from './errors.js';

/** At most `max` events per `timeWindow` ms (a fixed window opened by the first one). */
export interface WindowLimit {
  max: number;
  timeWindow: number;
}

/** Per account: after `afterFailures` consecutive failed logins, a backoff from `initialDelayMs`, doubling to `maxDelayMs`. */
export interface AccountBackoff {
  afterFailures: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Failed logins per source address; successes do not count. */
export const DEFAULT_LOGIN_RATE_LIMIT: Readonly<WindowLimit> = Object.freeze({
  max: 10,
  timeWindow: 15 * 60_000,
});
export const DEFAULT_ACCOUNT_BACKOFF: Readonly<AccountBackoff> = Object.freeze({
  afterFailures: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
});
/** Sign-up attempts per source address. */
export const DEFAULT_REGISTRATION_RATE_LIMIT: Readonly<WindowLimit> = Object.freeze({
  max: 5,
  timeWindow: 60 * 60_000,
});

/** Why an attempt was refused before any password was checked, and for how long. */
export interface Refusal {
  limit: 'address' | 'account' | 'registration';
  retryAfterMs: number;
}

/**
 * Limits on login and sign-up attempts; the clock is the caller's (ms since the epoch). The one
 * implementation, CountingLoginThrottle, keeps its counts in a ThrottleCounters: memory for one
 * process, or PostgreSQL for several sharing a database.
 */
export interface LoginThrottle {
  /**
   * Before the password is checked: a refusal, or null to go ahead. An attempt let through counts
   * as a failure until `loginSucceeded` says otherwise, so parallel guesses cannot slip past.
   */
  beginLogin(address: string, username: string, now: number): Promise<Refusal | null>;
  /** The attempt `beginLogin` let through had the right password. */
  loginSucceeded(address: string, username: string, now: number): Promise<void>;
  /** Counts one sign-up attempt: a refusal, or null to go ahead. */
  beginRegistration(address: string, now: number): Promise<Refusal | null>;
}

/** For tools that only create accounts (`grill-server user add`): never refuses. */
export const UNTHROTTLED: LoginThrottle = {
  beginLogin: async () => null,
  loginSucceeded: async () => {},
  beginRegistration: async () => null,
};

/** 429: a refusal from the throttle; the HTTP layer turns `retryAfterSeconds` into `retry-after`. */
export class TooManyAttemptsError extends ServerError {
  readonly statusCode = 429;

  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }

  static of(refusal: Refusal): TooManyAttemptsError {
    const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
    const wait = `retry in ${formatWait(seconds)}`;
    switch (refusal.limit) {
      case 'address':
        return new TooManyAttemptsError(
          'address-rate-limited',
          `too many failed logins from this address; ${wait}`,
          seconds,
        );
      case 'account':
        return new TooManyAttemptsError(
          'account-backoff',
          `too many failed logins for this account from this address; ${wait}`,
          seconds,
        );
      case 'registration':
        return new TooManyAttemptsError(
          'registration-rate-limited',
          `too many sign-ups from this address; ${wait}`,
          seconds,
        );
    }
  }
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A fixed window's count: `count` attempts so far; the window ends (and is forgotten) at `resetAt`. */
export interface WindowCount {
  count: number;
  /** ms since the epoch, on the callers' clock. */
  resetAt: number;
}

/** One account's run of failed logins (keyed by the lower-cased username). */
export interface AccountFailures {
  /** Consecutive failures (a success deletes the record). */
  failures: number;
  /** While now < blockedUntil (ms), addresses in `failedFrom` are refused unchecked. */
  blockedUntil: number;
  /** The addresses those failures came from, each once. */
  failedFrom: readonly string[];
  /** When the record is forgotten (ms): a record whose forgetAt has passed counts as none. */
  forgetAt: number;
}

/** Which counters one throttle step reads and writes. */
export interface CounterKeys {
  /** A window: failed logins per address ('login') or sign-ups per address ('signup'). */
  window: { kind: 'login' | 'signup'; key: string };
  /** The account whose failures are read too (lower-cased username). */
  account?: string;
}

/** What a step read: a record may be absent, or stale (past its resetAt/forgetAt), which counts as absent. */
export interface CounterRecords {
  window: WindowCount | undefined;
  account: AccountFailures | undefined;
}

/** What a step writes back (a record replaces, null deletes, undefined leaves it) and returns. */
export interface CounterChange<T> {
  window?: WindowCount | null;
  account?: AccountFailures | null;
  result: T;
}

/**
 * Where the login limits keep their counts: the store interface of the throttle. In memory for a
 * single process (SQLite); in tables for several processes sharing a database (PostgreSQL).
 */
export interface ThrottleCounters {
  /**
   * One atomic step: reads the records at `keys`, lets `change` decide (synchronously, without I/O)
   * and stores what it returns, with no other step on the same keys in between — in any process
   * sharing these counters. Resolves to `change`'s result.
   */
  update<T>(keys: CounterKeys, change: (records: CounterRecords) => CounterChange<T>): Promise<T>;
  /** Deletes the records that no longer matter at `now` (ms): windows past resetAt, accounts past forgetAt. */
  sweep(now: number): Promise<void>;
}

export interface LimitOptions {
  login?: WindowLimit;
  account?: AccountBackoff;
  registration?: WindowLimit;
}

const SWEEP_EVERY_MS = 60_000;

/** The login limits, counted in a ThrottleCounters (in memory or in a database). */
export class CountingLoginThrottle implements LoginThrottle {
  private readonly login: WindowLimit;
  private readonly account: AccountBackoff;
  private readonly registration: WindowLimit;
  private nextSweep = 0;

  constructor(
    private readonly counters: ThrottleCounters,
    options: LimitOptions = {},
  ) {
    this.login = options.login ?? DEFAULT_LOGIN_RATE_LIMIT;
    this.account = options.account ?? DEFAULT_ACCOUNT_BACKOFF;
    this.registration = options.registration ?? DEFAULT_REGISTRATION_RATE_LIMIT;
  }

  async beginLogin(address: string, username: string, now: number): Promise<Refusal | null> {
    await this.sweep(now);
    const keys: CounterKeys = { window: { kind: 'login', key: address }, account: accountKey(username) };
    return this.counters.update(keys, (stored): CounterChange<Refusal | null> => {
      const window = current(stored.window, this.login, now);
      if (window.count >= this.login.max) {
        return { result: { limit: 'address', retryAfterMs: window.resetAt - now } };
      }
      const account = stored.account && stored.account.forgetAt > now ? stored.account : undefined;
      if (account && account.blockedUntil > now && account.failedFrom.includes(address)) {
        return { result: { limit: 'account', retryAfterMs: account.blockedUntil - now } };
      }
      // Counted as failed now; loginSucceeded takes it back.
      const failures = (account?.failures ?? 0) + 1;
      const { afterFailures, initialDelayMs, maxDelayMs } = this.account;
      const blockedUntil =
        failures >= afterFailures
          ? now + Math.min(initialDelayMs * 2 ** (failures - afterFailures), maxDelayMs)
          : (account?.blockedUntil ?? 0);
      const failedFrom = account?.failedFrom ?? [];
      return {
        window: { count: window.count + 1, resetAt: window.resetAt },
        account: {
          failures,
          blockedUntil,
          failedFrom: failedFrom.includes(address) ? failedFrom : [...failedFrom, address],
          // Forgotten after a quiet spell as long as the longest backoff.
          forgetAt: Math.max(now, blockedUntil) + maxDelayMs,
        },
        result: null,
      };
    });
  }

  async loginSucceeded(address: string, username: string, now: number): Promise<void> {
    const keys: CounterKeys = { window: { kind: 'login', key: address }, account: accountKey(username) };
    await this.counters.update(keys, ({ window }) => ({
      // Taken back only within the window the attempt was counted in.
      window:
        window && window.resetAt > now && window.count > 0
          ? { count: window.count - 1, resetAt: window.resetAt }
          : undefined,
      account: null,
      result: undefined,
    }));
  }

  async beginRegistration(address: string, now: number): Promise<Refusal | null> {
    await this.sweep(now);
    const keys: CounterKeys = { window: { kind: 'signup', key: address } };
    return this.counters.update(keys, (stored): CounterChange<Refusal | null> => {
      const window = current(stored.window, this.registration, now);
      if (window.count >= this.registration.max) {
        return { result: { limit: 'registration', retryAfterMs: window.resetAt - now } };
      }
      return { window: { count: window.count + 1, resetAt: window.resetAt }, result: null };
    });
  }

  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    // Housekeeping: a sweep that fails (two processes sweeping into each other) never fails a
    // login, and the next one a minute later deletes what this one left.
    await this.counters.sweep(now).catch(() => {});
  }
}

export interface MemoryThrottleCountersOptions {
  /** Most entries kept per table; the least recently written go first (default 100,000). */
  maxEntries?: number;
}

/** The counters in this process's memory: enough for one grill-server; lost on restart. */
export class MemoryThrottleCounters implements ThrottleCounters {
  private readonly maxEntries: number;
  private readonly windows = {
    login: new Map<string, WindowCount>(),
    signup: new Map<string, WindowCount>(),
  };
  private readonly accounts = new Map<string, AccountFailures>();

  constructor(options: MemoryThrottleCountersOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  async update<T>(keys: CounterKeys, change: (records: CounterRecords) => CounterChange<T>): Promise<T> {
    // Synchronous from read to write: nothing else runs in between.
    const windows = this.windows[keys.window.kind];
    const { account: accountKey } = keys;
    const outcome = change({
      window: windows.get(keys.window.key),
      account: accountKey === undefined ? undefined : this.accounts.get(accountKey),
    });
    this.write(windows, keys.window.key, outcome.window);
    if (accountKey !== undefined) this.write(this.accounts, accountKey, outcome.account);
    return outcome.result;
  }

  async sweep(now: number): Promise<void> {
    for (const map of Object.values(this.windows)) {
      for (const [key, window] of map) if (window.resetAt <= now) map.delete(key);
    }
    for (const [key, account] of this.accounts) if (account.forgetAt <= now) this.accounts.delete(key);
  }

  /** Re-inserts the entry as the most recent, dropping the oldest above `maxEntries`. */
  private write<V>(map: Map<string, V>, key: string, value: V | null | undefined): void {
    if (value === undefined) return;
    map.delete(key);
    if (value === null) return;
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= this.maxEntries) break;
      map.delete(oldest);
    }
  }
}

export interface MemoryLoginThrottleOptions extends LimitOptions, MemoryThrottleCountersOptions {}

/** The limits counted in this process's memory (what a SQLite server uses). */
export class MemoryLoginThrottle extends CountingLoginThrottle {
  constructor(options: MemoryLoginThrottleOptions = {}) {
    super(new MemoryThrottleCounters(options), options);
  }
}

function current(window: WindowCount | undefined, limit: WindowLimit, now: number): WindowCount {
  return window && window.resetAt > now ? window : { count: 0, resetAt: now + limit.timeWindow };
}

/** Usernames are ASCII and matched without case, as the users table does (COLLATE NOCASE). */
function accountKey(username: string): string {
  return username.toLowerCase();
}
