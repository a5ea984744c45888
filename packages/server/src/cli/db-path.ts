import path from 'node:path';
import { ServerError } from '../errors.js';
import { isPostgresUrl, redactUrl } from '../postgres/config.js';
import { UsageError } from './usage-error.js';

/** Where the server's data is: a SQLite file (absolute path) or a PostgreSQL database (URL). */
export type DbTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * `--db`, else $GRILL_SERVER_DB, else $DATABASE_URL (which must then be a postgres:// URL), else
 * ./grill-server.db. A postgres:// or postgresql:// URL is PostgreSQL; anything else a file path,
 * made absolute so logs say where it is. Throws a UsageError for a $DATABASE_URL of another kind.
 */
export function resolveDb(option: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  const value = option ?? (env.GRILL_SERVER_DB || undefined);
  if (value !== undefined) {
    return isPostgresUrl(value)
      ? { kind: 'postgres', url: value }
      : { kind: 'sqlite', file: path.resolve(value) };
  }
  if (env.DATABASE_URL) {
    if (!isPostgresUrl(env.DATABASE_URL)) {
      throw new UsageError(
        '$DATABASE_URL is not a postgres:// URL; for a SQLite file use --db FILE or $GRILL_SERVER_DB',
      );
    }
    return { kind: 'postgres', url: env.DATABASE_URL };
  }
  return { kind: 'sqlite', file: path.resolve('./grill-server.db') };
}

/** The target for logs and messages: the file, or the URL without its password. */
export function describeDb(target: DbTarget): string {
  return target.kind === 'sqlite' ? target.file : redactUrl(target.url);
}

/** The SQLite file a file-only command (`backup`, `restore`) works on; a PostgreSQL target is refused. */
export function resolveDbPath(
  option: string | undefined,
  command: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const target = resolveDb(option, env);
  if (target.kind === 'postgres') {
    throw new ServerError(
      'not-sqlite',
      `${command} works on a SQLite file, not ${redactUrl(target.url)}: use PostgreSQL's own tools (pg_dump, pg_restore)`,
    );
  }
  return target.file;
}
