import { Pool, type PoolClient, TypeOverrides, types } from 'pg';
import { ServerError } from '../errors.js';
import { DEFAULT_POOL_MAX, redactUrl } from './config.js';

/** What a query runs on: the pool (one statement, its own transaction) or a client inside one. */
export type Queryable = Pool | PoolClient;

export interface PoolOptions {
  /** Most connections this process opens (default 10). Several processes add up: keep their sum under the server's max_connections. */
  max?: number;
  /** How long to wait for a connection, new or from the pool, before failing the request (ms, default 5,000). */
  connectionTimeoutMs?: number;
  /** The server cancels a statement running longer than this (ms, default 30,000). */
  statementTimeoutMs?: number;
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

// Every bigint column holds a count, a sequence number or a time in ms since the epoch: all far
// below 2^53, so they are read as numbers (pg reads int8 as strings by default).
const TYPES = new TypeOverrides();
TYPES.setTypeParser(types.builtins.INT8, (value: string) => Number(value));

/**
 * A connection pool to `url` (postgres://user:password@host:port/database?…). Connections are
 * made lazily; an idle connection the server drops is replaced on next use, not a crash.
 */
export function openPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    // A transaction left open (a bug, a hung process) must not hold a user's counter row for long.
    idle_in_transaction_session_timeout: 60_000,
    idleTimeoutMillis: 30_000,
    application_name: 'grill-server',
    types: TYPES,
  });
  // An idle connection that breaks (the server restarted) emits this; the pool drops it.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
 * throws (rethrown). `begin` may set the isolation level (default READ COMMITTED).
 */
export async function transaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollback) {
      // The connection is unusable: do not give it back to the pool.
      broken = rollback as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A connection failure as one clear line naming the database (without its password). */
export function connectError(url: string, error: unknown): ServerError {
  // Node's connect to a name with several addresses (localhost) fails with an AggregateError.
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const message = first instanceof Error ? first.message || first.name : String(first);
  return new ServerError('db-open', `cannot use database ${redactUrl(url)}: ${message}`);
}
