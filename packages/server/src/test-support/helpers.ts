import { rmSync } from 'node:fs';
import path from 'node:path';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type WireEvent } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import { Accounts } from '../accounts.js';
import { type BuildAppOptions, buildApp } from '../app.js';
import type { ScryptCost } from '../passwords.js';
import { SqliteStore } from '../sqlite-store.js';
import type { ServerStore } from '../store.js';
import type { Backend } from './backends.js';
import { tempDir } from './temp-dir.js';

export { tempDir };

/** Cheap enough for tests; the default cost is covered by passwords.test.ts and server.test.ts. */
export const FAST_SCRYPT: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export interface Harness {
  app: FastifyInstance;
  store: ServerStore;
  close(): Promise<void>;
}

/**
 * A real app on a fresh, empty database: the backend's (see describeEachBackend), or a SQLite
 * file in a new temp dir.
 */
export async function makeHarness(
  options: Partial<BuildAppOptions> = {},
  backend?: Backend,
): Promise<Harness> {
  const dir = backend ? undefined : tempDir();
  const store = backend ? await backend.open() : SqliteStore.open(path.join(dir ?? '', 'server.db'));
  const app = buildApp({ scryptCost: FAST_SCRYPT, ...options, store });
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(store: ServerStore, name: string, password = PASSWORD): Promise<void> {
  await new Accounts(store, { scryptCost: FAST_SCRYPT, now: Date.now }).create(name, password);
}

export async function login(app: FastifyInstance, username: string, device = 'laptop'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/login',
    payload: { username, password: PASSWORD, device },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

/** A user with a token, ready to push and pull. */
export async function userWithToken(h: Harness, name: string): Promise<string> {
  await addUser(h.store, name);
  return login(h.app, name);
}

/** The headers of an authenticated request from a current client (token and protocol version). */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
}

/** The n-th test event: a valid UUIDv7-shaped id and a small nested payload. */
export function event(n: number, overrides: Partial<WireEvent> = {}): WireEvent {
  return {
    id: `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
    cardKey: `deck/card-${n % 7}`,
    type: 'review',
    at: 1_700_000_000_000 + n,
    deviceId: 'device-a',
    payload: { rating: 3, durationMs: 1200 + n, detail: { chosen: [0, 2], correct: true } },
    ...overrides,
  };
}

export function events(from: number, count: number): WireEvent[] {
  return Array.from({ length: count }, (_, i) => event(from + i));
}
