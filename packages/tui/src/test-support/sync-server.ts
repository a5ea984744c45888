import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildApp, SqliteStore } from '@grill/server';
import { tempDir } from './run-grill.js';

/**
 * A real grill-server on a real SQLite file, listening on a free loopback port. It can be backed
 * up and restored from a backup (stopped, file replaced, started again on the same port), or
 * replaced by a fresh database, as an operator would.
 */
export async function startSyncServer(options: { now?: () => number } = {}) {
  const dir = tempDir('grill-sync-server-');
  const file = path.join(dir, 'server.db');
  let store = SqliteStore.open(file);
  let app: ReturnType<typeof buildApp>;
  let port = 0;
  const start = async () => {
    app = buildApp({
      store,
      openRegistration: true,
      scryptCost: { N: 2 ** 12, r: 8, p: 1 },
      loginRateLimit: { max: 1000, timeWindow: 60_000 },
      registrationRateLimit: { max: 1000, timeWindow: 60_000 },
      ...(options.now ? { now: options.now } : {}),
    });
    await app.listen({ host: '127.0.0.1', port });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  };
  const stop = async () => {
    await app.close();
    await store.close();
  };
  /** Stops the server, lets `change` touch its files, and starts it again on the same port. */
  const restart = async (change: () => void) => {
    await stop();
    change();
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    store = SqliteStore.open(file);
    await start();
  };
  await start();
  const url = `http://127.0.0.1:${port}`;
  let users = 0;
  let backups = 0;
  return {
    url,
    get store() {
      return store;
    },
    /** Registers an account (password: "password123") and returns its name. */
    async register(username: string): Promise<string> {
      const res = await fetch(`${url}/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'password123' }),
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
      return username;
    },
    /** Registers a fresh account and returns its name (password: "password123"). */
    newUser(): Promise<string> {
      return this.register(`user${++users}`);
    },
    /** An online backup of the database, as `grill-server backup` makes; returns its path. */
    async backup(): Promise<string> {
      const out = path.join(dir, `backup-${++backups}.db`);
      await store.backup(out);
      return out;
    },
    /** Restores a backup the careless way: the file copied over the live database's. */
    restore(backup: string): Promise<void> {
      return restart(() => copyFileSync(backup, file));
    },
    /** Replaces the database with a fresh, empty one (accounts must be made again). */
    wipe(): Promise<void> {
      return restart(() => rmSync(file, { force: true }));
    },
    async close() {
      await stop();
    },
  };
}
