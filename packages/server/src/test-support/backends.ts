import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { PgStore } from '../pg-store.js';
import { SqliteStore } from '../sqlite-store.js';
import type { ServerStore } from '../store.js';
import { admin, createTestDatabase, POSTGRES_URL, query, type TestDatabase } from './postgres.js';
import { tempDir } from './temp-dir.js';

export type BackendKind = 'sqlite' | 'postgres';

/** One backend for a suite of tests: each test opens a fresh, empty database through it. */
export interface Backend {
  readonly kind: BackendKind;
  /** A store on a new, empty database (SQLite: a new file; PostgreSQL: the suite's database, emptied). */
  open(): Promise<ServerStore>;
  /** Another store on the database `open()` last made: what a second server process would see. */
  openAnother(): Promise<ServerStore>;
  /** Everything that database holds, as text (to check what is never stored). */
  storedText(): Promise<string>;
  /** The last database's file or URL. */
  location(): string;
  /**
   * Makes the last database unreachable to the stores open on it (SQLite: closes them;
   * PostgreSQL: refuses new connections and ends the open ones), until the next `open()`.
   */
  cutOff(): Promise<void>;
}

/** Tests sharing a suite database must not leave the next test's store waiting on a pool. */
const PG_POOL = { max: 4 };

function sqliteBackend(): Backend {
  let dir: string | undefined;
  let file = '';
  const stores: SqliteStore[] = [];
  const opened = (store: SqliteStore) => {
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of stores) await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  let count = 0;
  return {
    kind: 'sqlite',
    async open() {
      dir ??= tempDir();
      file = path.join(dir, `server-${++count}.db`);
      return opened(SqliteStore.open(file));
    },
    async openAnother() {
      return opened(SqliteStore.open(file));
    },
    async storedText() {
      // The WAL holds what is not checkpointed into the file yet.
      return [file, `${file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    },
    location: () => file,
    async cutOff() {
      for (const store of stores) await store.close();
    },
  };
}

function postgresBackend(): Backend {
  let database: TestDatabase | undefined;
  const stores: PgStore[] = [];
  const opened = (store: PgStore) => {
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await database?.drop();
  });
  const url = () => {
    if (!database) throw new Error('the suite database is made in beforeAll');
    return database.url;
  };
  return {
    kind: 'postgres',
    async open() {
      await admin(`ALTER DATABASE ${database?.name} ALLOW_CONNECTIONS true`);
      // A fresh schema (migrated again by open) is quicker than a new database for every test.
      await query(url(), 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      return opened(await PgStore.open(url(), PG_POOL));
    },
    async openAnother() {
      return opened(await PgStore.open(url(), PG_POOL));
    },
    async storedText() {
      const tables = await query<{ name: string }>(
        url(),
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      const lines: string[] = [];
      for (const { name } of tables) {
        const rows = await query<{ row: string }>(url(), `SELECT t::text AS row FROM "${name}" t`);
        lines.push(...rows.map((r) => r.row));
      }
      return lines.join('\n');
    },
    location: url,
    async cutOff() {
      const name = database?.name;
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    },
  };
}

export const BACKEND_KINDS: readonly BackendKind[] = ['sqlite', 'postgres'];

/**
 * Declares the suite once per backend, as `TITLE (sqlite)` and `TITLE (postgres)`: the same
 * tests, on both. Without a PostgreSQL for the tests the postgres suite is skipped.
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const kind of BACKEND_KINDS) {
    describe.skipIf(kind === 'postgres' && !POSTGRES_URL)(`${title} (${kind})`, () => {
      body(kind === 'sqlite' ? sqliteBackend() : postgresBackend());
    });
  }
}
