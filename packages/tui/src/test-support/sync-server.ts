import path from 'node:path';
import { buildApp, SqliteStore } from '@grill/server';
import { tempDir } from './run-grill.js';

/** A real grill-server on a real SQLite file, listening on a free loopback port. */
export async function startSyncServer() {
  const store = SqliteStore.open(path.join(tempDir('grill-sync-server-'), 'server.db'));
  const app = buildApp({
    store,
    openRegistration: true,
    scryptCost: { N: 2 ** 12, r: 8, p: 1 },
    loginRateLimit: { max: 1000, timeWindow: 60_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let users = 0;
  return {
    url,
    store,
    /** Registers a fresh account and returns its name (password: "password123"). */
    async newUser(): Promise<string> {
      const username = `user${++users}`;
      const res = await fetch(`${url}/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'password123' }),
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
      return username;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
