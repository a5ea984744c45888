import type { PoolOptions } from '../postgres/pool.js';
import { SqliteStore } from '../sqlite-store.js';
import type { ServerStore } from '../store.js';
import type { DbTarget } from './db-path.js';

/**
 * Opens (creating and migrating if needed) the store at `target`; `pool` applies to PostgreSQL
 * only, whose driver is loaded only then.
 */
export async function openStore(target: DbTarget, pool: PoolOptions = {}): Promise<ServerStore> {
  if (target.kind === 'sqlite') return SqliteStore.open(target.file);
  const { PgStore } = await import('../pg-store.js');
  return PgStore.open(target.url, pool);
}
