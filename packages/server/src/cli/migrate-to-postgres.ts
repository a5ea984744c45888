import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServerError } from '../errors.js';
import { isPostgresUrl, redactUrl } from '../postgres/config.js';
import { SqliteStore } from '../sqlite-store.js';
import { UsageError } from './usage-error.js';

export interface MigrateToPostgresOptions {
  /** The SQLite database file to copy (brought to this grill-server's schema first, if older). */
  from: string;
  /** The PostgreSQL database to copy into (postgres://…); must hold no users yet. */
  to: string;
}

/**
 * `grill-server migrate-to-postgres --from FILE.db --to postgres://…`: copies a SQLite server's
 * users, tokens and events (with their sequence numbers) and its identity into an empty
 * PostgreSQL database, in one transaction. The clients see the same stream and carry on from
 * where they were: nobody re-sends. The file is read in one transaction too, so a server still
 * running on it changes nothing the copy sees (stop it first all the same: what it stores after
 * the copy is not copied).
 */
export async function migrateToPostgres(options: MigrateToPostgresOptions): Promise<void> {
  if (!isPostgresUrl(options.to))
    throw new UsageError(`--to must be a postgres:// URL (got ${redactUrl(options.to)})`);
  const from = path.resolve(options.from);
  if (!existsSync(from)) throw new ServerError('no-database', `no database at ${from}`);
  const source = SqliteStore.open(from);
  try {
    const { PgStore } = await import('../pg-store.js');
    const target = await PgStore.open(options.to, { max: 1 });
    try {
      const counts = await source.snapshot((snapshot) => target.importSnapshot(snapshot));
      const to = redactUrl(options.to);
      process.stdout.write(
        `copied ${count(counts.users, 'user')}, ${count(counts.tokens, 'token')} and ${count(counts.events, 'event')} from ${from} to ${to}, with the server's identity (devices go on without re-sending); serve it with --db ${to}\n`,
      );
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
