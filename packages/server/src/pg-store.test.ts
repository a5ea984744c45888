import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { PgStore } from './pg-store.js';
import { SCHEMA_VERSION } from './postgres/migrations.js';
import { addUser, FAST_SCRYPT, PASSWORD } from './test-support/helpers.js';
import { createTestDatabase, POSTGRES_URL, query, type TestDatabase } from './test-support/postgres.js';

// What only PostgreSQL has; the ServerStore contract, on both backends, is store-contract.test.ts.
describe.skipIf(!POSTGRES_URL)('PgStore', () => {
  let db: TestDatabase;
  const open: PgStore[] = [];
  const store = async () => {
    const s = await PgStore.open(db.url, { max: 4 });
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await query(db.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });
  afterAll(() => db.drop());

  it('migrates a new database once, even when several processes open it at the same moment', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => store()));
    const versions = await query<{ version: number }>(
      db.url,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const ids = await Promise.all(stores.map((s) => s.identity()));
    expect(new Set(ids).size).toBe(1);
    const tables = await query<{ name: string }>(
      db.url,
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.name)).toEqual([
      'event_heads',
      'events',
      'login_accounts',
      'login_windows',
      'schema_migrations',
      'server_meta',
      'tokens',
      'users',
    ]);
  });

  it('refuses a database from a newer grill-server', async () => {
    await (await store()).close();
    await query(db.url, 'INSERT INTO schema_migrations (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    await expect(PgStore.open(db.url)).rejects.toThrow(
      `has schema version ${SCHEMA_VERSION + 1}, newer than this grill-server (${SCHEMA_VERSION}); upgrade grill-server`,
    );
  });

  it('says in one line which database it cannot reach, without its password', async () => {
    const url = new URL(db.url);
    url.port = '1';
    url.password = 'hunter2';
    const error = await PgStore.open(url.toString(), { connectionTimeoutMs: 2_000 }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'db-open' });
    expect((error as Error).message).toMatch(
      /^cannot use database postgres:\/\/grill:\*\*\*@127\.0\.0\.1:1\/\S+: .+$/,
    );
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('holds the login limits across processes: every process counts into the same tables', async () => {
    const [first, second] = [await store(), await store()];
    await addUser(first, 'ann');
    const limits = {
      scryptCost: FAST_SCRYPT,
      loginRateLimit: { max: 4, timeWindow: 60_000 },
      accountBackoff: { afterFailures: 2, initialDelayMs: 60_000, maxDelayMs: 60_000 },
    };
    const apps = [buildApp({ store: first, ...limits }), buildApp({ store: second, ...limits })];
    const attempt = async (app: number, remoteAddress: string, username: string, password: string) =>
      (
        await apps[app]?.inject({
          method: 'POST',
          url: '/v1/login',
          remoteAddress,
          payload: { username, password, device: 'laptop' },
        })
      )?.statusCode;
    try {
      // Two failures for ann, one through each process: the account backs off on both.
      expect(await attempt(0, '10.0.0.1', 'ann', 'wrong password')).toBe(401);
      expect(await attempt(1, '10.0.0.1', 'ANN', 'wrong password')).toBe(401);
      expect(await attempt(0, '10.0.0.1', 'ann', PASSWORD)).toBe(429);
      expect(await attempt(1, '10.0.0.1', 'ann', PASSWORD)).toBe(429);
      // The address limit: two more failures, split between the processes, reach 4.
      expect(await attempt(1, '10.0.0.1', 'bob', 'wrong password')).toBe(401);
      expect(await attempt(0, '10.0.0.1', 'cy', 'wrong password')).toBe(401);
      expect(await attempt(1, '10.0.0.1', 'dee', 'wrong password')).toBe(429);
      // Guesses sent in parallel to both processes are all counted.
      const codes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt(i % 2, '10.0.0.2', `user${i}`, 'wrong password')),
      );
      expect(codes.filter((c) => c === 401)).toHaveLength(4);
      expect(codes.filter((c) => c === 429)).toHaveLength(6);
      // Another address is not affected, and a success is not counted.
      expect(await attempt(1, '10.0.0.3', 'ann', PASSWORD)).toBe(200);
    } finally {
      for (const app of apps) await app.close();
    }
  });
});
