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
 * Limits on login and sign-up attempts. The counts live behind this interface so that a shared
 * backend (PostgreSQL) can hold them for several server processes; the clock is the caller's.
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

interface Window {
  count: number;
  resetAt: number;
}

interface AccountFailures {
  /** Consecutive failures (a success deletes the record). */
  failures: number;
  /** While now < blockedUntil, addresses in `failedFrom` are refused unchecked. */
  blockedUntil: number;
  failedFrom: Set<string>;
  forgetAt: number;
}

export interface MemoryLoginThrottleOptions {
  login?: WindowLimit;
  account?: AccountBackoff;
  registration?: WindowLimit;
  /** Most entries kept per table; the least recently touched go first. */
  maxEntries?: number;
}

const SWEEP_EVERY_MS = 60_000;

/** The throttle in this process's memory: enough for one grill-server; lost on restart. */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly login: WindowLimit;
  private readonly account: AccountBackoff;
  private readonly registration: WindowLimit;
  private readonly maxEntries: number;
  private readonly addresses = new Map<string, Window>();
  private readonly accounts = new Map<string, AccountFailures>();
  private readonly signups = new Map<string, Window>();
  private nextSweep = 0;

  constructor(options: MemoryLoginThrottleOptions = {}) {
    this.login = options.login ?? DEFAULT_LOGIN_RATE_LIMIT;
    this.account = options.account ?? DEFAULT_ACCOUNT_BACKOFF;
    this.registration = options.registration ?? DEFAULT_REGISTRATION_RATE_LIMIT;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  async beginLogin(address: string, username: string, now: number): Promise<Refusal | null> {
    this.sweep(now);
    const window = current(this.addresses.get(address), this.login, now);
    if (window.count >= this.login.max) return { limit: 'address', retryAfterMs: window.resetAt - now };
    const key = accountKey(username);
    const stored = this.accounts.get(key);
    const account = stored && stored.forgetAt > now ? stored : undefined;
    if (account && account.blockedUntil > now && account.failedFrom.has(address)) {
      return { limit: 'account', retryAfterMs: account.blockedUntil - now };
    }

    // Counted as failed now; loginSucceeded takes it back.
    window.count++;
    this.touch(this.addresses, address, window);
    const failures = (account?.failures ?? 0) + 1;
    const { afterFailures, initialDelayMs, maxDelayMs } = this.account;
    const blockedUntil =
      failures >= afterFailures
        ? now + Math.min(initialDelayMs * 2 ** (failures - afterFailures), maxDelayMs)
        : (account?.blockedUntil ?? 0);
    const failedFrom = account?.failedFrom ?? new Set<string>();
    failedFrom.add(address);
    // Forgotten after a quiet spell as long as the longest backoff.
    const forgetAt = Math.max(now, blockedUntil) + maxDelayMs;
    this.touch(this.accounts, key, { failures, blockedUntil, failedFrom, forgetAt });
    return null;
  }

  async loginSucceeded(address: string, username: string, now: number): Promise<void> {
    const window = this.addresses.get(address);
    if (window && window.resetAt > now && window.count > 0) window.count--;
    this.accounts.delete(accountKey(username));
  }

  async beginRegistration(address: string, now: number): Promise<Refusal | null> {
    this.sweep(now);
    const window = current(this.signups.get(address), this.registration, now);
    if (window.count >= this.registration.max) {
      return { limit: 'registration', retryAfterMs: window.resetAt - now };
    }
    window.count++;
    this.touch(this.signups, address, window);
    return null;
  }

  /** Re-inserts the entry as the most recent, dropping the oldest above `maxEntries`. */
  private touch<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= this.maxEntries) break;
      map.delete(oldest);
    }
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const map of [this.addresses, this.signups]) {
      for (const [key, window] of map) if (window.resetAt <= now) map.delete(key);
    }
    for (const [key, account] of this.accounts) if (account.forgetAt <= now) this.accounts.delete(key);
  }
}

function current(window: Window | undefined, limit: WindowLimit, now: number): Window {
  return window && window.resetAt > now ? window : { count: 0, resetAt: now + limit.timeWindow };
}

/** Usernames are ASCII and matched without case, as the users table does (COLLATE NOCASE). */
function accountKey(username: string): string {
  return username.toLowerCase();
}
