import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the tests may use: a superuser's URL that scripts/test-global-setup.ts
 * sets from the throwaway server it started (scripts/test-postgres.mjs), or a developer's own.
 * Undefined when there is none: the PostgreSQL tests are then skipped (and the run says so once).
 */
export const POSTGRES_URL: string | undefined = process.env.GRILL_TEST_POSTGRES_URL || undefined;

/** `base` with its database name replaced. */
export function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement as the test server's superuser (on its default database). */
export async function admin(sql: string): Promise<void> {
  if (!POSTGRES_URL) throw new Error('no PostgreSQL for the tests (GRILL_TEST_POSTGRES_URL)');
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

/** A new, empty database of its own (tests in parallel never share one). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!POSTGRES_URL) throw new Error('no PostgreSQL for the tests (GRILL_TEST_POSTGRES_URL)');
  const name = `grill_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    url: withDatabase(POSTGRES_URL, name),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs `sql` on the database at `url` and returns its rows. */
export async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
