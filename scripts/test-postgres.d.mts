// Types for scripts/test-postgres.mjs (plain JavaScript so that Node runs it alone).

export const SUPERUSER: string;

/** The folder holding `initdb` and `pg_ctl`, or null when PostgreSQL's server is not installed. */
export function findPostgresBin(env?: NodeJS.ProcessEnv): string | null;

export interface TestPostgres {
  /** postgres://grill@127.0.0.1:PORT/postgres: a superuser's connection to the default database. */
  url: string;
  port: number;
  /** The temporary folder holding the cluster, its socket and its log. */
  dir: string;
  /** Stops the server and removes `dir` (synchronous; idempotent). */
  stop(): void;
}

/** Starts a throwaway PostgreSQL server; rejects when it is not installed or does not start. */
export function startPostgres(options?: {
  bin?: string;
  log?: (line: string) => void;
}): Promise<TestPostgres>;
