// What the command line needs to know of PostgreSQL, apart from pool.ts so that it does not load
// the pg driver when the database is a SQLite file.

/** Connections one process opens at most, unless --db-pool says otherwise. */
export const DEFAULT_POOL_MAX = 10;

/** Whether the --db value (or $DATABASE_URL) names a PostgreSQL database rather than a file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}
