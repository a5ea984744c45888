import type { PoolClient as Client, Pool, QueryResultRow } from 'pg';
import type {
  AccountFailures,
  CounterChange,
  CounterKeys,
  CounterRecords,
  ThrottleCounters,
  WindowCount,
} from '../login-throttle.js';
import { transaction } from './pool.js';

interface AccountRow {
  failures: number;
  blocked_until: number;
  failed_from: string[];
  forget_at: number;
}

/**
 * The login limits' counters in `login_windows` and `login_accounts`, shared by every process on
 * the database. A step locks its rows (made first if missing, as stale placeholders that count as
 * none) in one transaction: window, then account, always in that order, so steps never deadlock.
 */
export class PgThrottleCounters implements ThrottleCounters {
  constructor(private readonly pool: Pool) {}

  async update<T>(keys: CounterKeys, change: (records: CounterRecords) => CounterChange<T>): Promise<T> {
    const { kind, key } = keys.window;
    return transaction(this.pool, async (client) => {
      const stored = await lockRow<{ count: number; reset_at: number }>(
        client,
        `INSERT INTO login_windows (kind, key, count, reset_at) VALUES ($1, $2, 0, 0)
         ON CONFLICT DO NOTHING`,
        'SELECT count, reset_at FROM login_windows WHERE kind = $1 AND key = $2 FOR UPDATE',
        [kind, key],
      );
      const account =
        keys.account === undefined
          ? undefined
          : await lockRow<AccountRow>(
              client,
              `INSERT INTO login_accounts (username, failures, blocked_until, failed_from, forget_at)
               VALUES ($1, 0, 0, '{}', 0) ON CONFLICT DO NOTHING`,
              'SELECT failures, blocked_until, failed_from, forget_at FROM login_accounts WHERE username = $1 FOR UPDATE',
              [keys.account],
            );
      const outcome = change({
        window: { count: stored.count, resetAt: stored.reset_at },
        account: account && {
          failures: account.failures,
          blockedUntil: account.blocked_until,
          failedFrom: account.failed_from,
          forgetAt: account.forget_at,
        },
      });
      await writeWindow(client, kind, key, outcome.window);
      if (keys.account !== undefined) await writeAccount(client, keys.account, outcome.account);
      return outcome.result;
    });
  }

  async sweep(now: number): Promise<void> {
    await this.pool.query('DELETE FROM login_windows WHERE reset_at <= $1', [now]);
    await this.pool.query('DELETE FROM login_accounts WHERE forget_at <= $1', [now]);
  }
}

const LOCK_ATTEMPTS = 10;

/**
 * Locks the row `select` finds (FOR UPDATE) until the transaction ends, inserting a stale
 * placeholder first if there is none. A row deleted between the two (by a sweep, or a login's
 * success) is made again: a step never works on a record that is not locked.
 */
async function lockRow<R extends QueryResultRow>(
  client: Client,
  insert: string,
  select: string,
  params: unknown[],
): Promise<R> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    await client.query(insert, params);
    const [row] = (await client.query<R>(select, params)).rows;
    if (row) return row;
  }
  throw new Error(`could not lock a login counter (${params.join(', ')})`);
}

async function writeWindow(client: Client, kind: string, key: string, value: WindowCount | null | undefined) {
  if (value === undefined) return;
  if (value === null) {
    await client.query('DELETE FROM login_windows WHERE kind = $1 AND key = $2', [kind, key]);
  } else {
    await client.query('UPDATE login_windows SET count = $3, reset_at = $4 WHERE kind = $1 AND key = $2', [
      kind,
      key,
      value.count,
      value.resetAt,
    ]);
  }
}

async function writeAccount(client: Client, username: string, value: AccountFailures | null | undefined) {
  if (value === undefined) return;
  if (value === null) {
    await client.query('DELETE FROM login_accounts WHERE username = $1', [username]);
  } else {
    await client.query(
      `UPDATE login_accounts SET failures = $2, blocked_until = $3, failed_from = $4, forget_at = $5
       WHERE username = $1`,
      [username, value.failures, value.blockedUntil, value.failedFrom, value.forgetAt],
    );
  }
}
