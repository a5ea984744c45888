import { type ChildProcess, spawn } from 'node:child_process';
import type { PulledEvent, WireEvent } from '@grill/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from './pg-store.js';
import { addUser, bearer, event, PASSWORD } from './test-support/helpers.js';
import { createTestDatabase, POSTGRES_URL, query, type TestDatabase } from './test-support/postgres.js';
import { REPO_ROOT, SERVER_BIN } from './test-support/run-cli.js';
import { listening, type Run, wait } from './test-support/server-process.js';

const PROCESSES = 3;
const USERS = 4;
/** Each user's clients, each starting on another process. */
const CLIENTS_PER_USER = 3;
const BATCHES = 10;
const BATCH_SIZE = 20;

interface Server {
  child: ChildProcess;
  base: string;
  done: Promise<Run>;
}

interface Client {
  user: string;
  n: number;
  token: string;
  /** The seq this client has pulled up to, and what it holds. */
  cursor: number;
  held: Map<string, number>;
  pushed: WireEvent[];
}

interface Page {
  events: PulledEvent[];
  next: number;
  more: boolean;
  head: number;
}

/**
 * The scale-out setup: several real grill-server processes (the built binary) sharing one
 * PostgreSQL database, many clients pushing and pulling through all of them at once.
 */
describe.skipIf(!POSTGRES_URL)('several grill-server processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  let servers: Server[] = [];

  async function call<T>(server: number, method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${servers[server % PROCESSES]?.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? bearer(token) : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const setup = await PgStore.open(db.url, { max: 1 });
    for (let u = 0; u < USERS; u++) await addUser(setup, `user${u}`);
    await setup.close();
    servers = await Promise.all(
      Array.from({ length: PROCESSES }, async () => {
        const child = spawn(process.execPath, [SERVER_BIN, '--port', '0', '--db', db.url, '--db-pool', '4'], {
          cwd: REPO_ROOT,
          env: { ...process.env, LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const done = wait(child);
        return { child, done, base: await listening(child) };
      }),
    );
  });
  afterAll(async () => {
    for (const { child } of servers)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.done));
    await db?.drop();
  });

  /** Pulls from the client's cursor to the head; every page must continue exactly where the last ended. */
  async function pullToEnd(client: Client, server: number): Promise<void> {
    for (;;) {
      const { status, body } = await call<Page>(
        server,
        'GET',
        `/v1/events?after=${client.cursor}&limit=40`,
        client.token,
      );
      expect(status).toBe(200);
      // No seq is ever visible before every seq below it: a gap here would be skipped forever.
      expect(body.events.map((e) => e.seq)).toEqual(body.events.map((_, i) => client.cursor + 1 + i));
      for (const e of body.events) client.held.set(e.id, e.seq);
      client.cursor = body.next;
      if (!body.more) return;
    }
  }

  it('stores every event once, numbers each user 1..N without gaps, and every client pulls them all', async () => {
    const clients: Client[] = [];
    for (let u = 0; u < USERS; u++) {
      for (let k = 0; k < CLIENTS_PER_USER; k++) {
        const n = clients.length;
        const { status, body } = await call<{ token: string }>(n, 'POST', '/v1/login', undefined, {
          username: `user${u}`,
          password: PASSWORD,
          device: `device-${n}`,
        });
        expect(status).toBe(200);
        clients.push({ user: `user${u}`, n, token: body.token, cursor: 0, held: new Map(), pushed: [] });
      }
    }

    // All clients at once; each goes round the processes as a load balancer would send it,
    // pulls between its pushes, and re-sends every third batch through yet another process.
    await Promise.all(
      clients.map(async (client) => {
        for (let b = 0; b < BATCHES; b++) {
          const batch = Array.from({ length: BATCH_SIZE }, (_, i) =>
            event(client.n * 10_000 + b * 100 + i, { deviceId: `device-${client.n}` }),
          );
          const pushed = await call<{ accepted: number; duplicates: number }>(
            client.n + b,
            'POST',
            '/v1/events',
            client.token,
            { events: batch },
          );
          expect(pushed).toMatchObject({ status: 200, body: { accepted: BATCH_SIZE, duplicates: 0 } });
          client.pushed.push(...batch);
          if (b % 3 === 2) {
            const again = await call(client.n + b + 1, 'POST', '/v1/events', client.token, { events: batch });
            expect(again).toMatchObject({ status: 200, body: { accepted: 0, duplicates: BATCH_SIZE } });
          }
          await pullToEnd(client, client.n + b + 2);
        }
      }),
    );

    for (const client of clients) await pullToEnd(client, client.n);
    for (let u = 0; u < USERS; u++) {
      const mine = clients.filter((c) => c.user === `user${u}`);
      const all = new Set(mine.flatMap((c) => c.pushed.map((e) => e.id)));
      expect(all.size).toBe(CLIENTS_PER_USER * BATCHES * BATCH_SIZE);
      // Every client that pulled to the end holds every event of its user's, at the same seqs.
      for (const client of mine) {
        expect(new Set(client.held.keys())).toEqual(all);
        expect(client.held).toEqual(mine[0]?.held);
      }
    }

    // In the database: each event once, each user's seqs exactly 1..N, the head row at N.
    const rows = await query<{
      name: string;
      count: number;
      ids: number;
      min: number;
      max: number;
      head: number;
    }>(
      db.url,
      `SELECT users.name, count(*)::int AS count, count(DISTINCT events.id)::int AS ids,
         min(events.seq)::int AS min, max(events.seq)::int AS max, max(event_heads.seq)::int AS head
       FROM events JOIN users ON users.id = events.user_id JOIN event_heads ON event_heads.user_id = users.id
       GROUP BY users.name ORDER BY users.name`,
    );
    const n = CLIENTS_PER_USER * BATCHES * BATCH_SIZE;
    expect(rows).toEqual(
      Array.from({ length: USERS }, (_, u) => ({
        name: `user${u}`,
        count: n,
        ids: n,
        min: 1,
        max: n,
        head: n,
      })),
    );
  });

  it('refuses a conflicting resend through another process (409) and stores nothing of its batch', async () => {
    const login = await call<{ token: string }>(0, 'POST', '/v1/login', undefined, {
      username: 'user0',
      password: PASSWORD,
      device: 'conflicts',
    });
    const token = login.body.token;
    const original = event(900_001);
    expect((await call(0, 'POST', '/v1/events', token, { events: [original] })).status).toBe(200);
    const before = await call<Page>(1, 'GET', '/v1/events?after=0&limit=1', token);
    const clash = await call(1, 'POST', '/v1/events', token, {
      events: [event(900_002), { ...original, at: original.at + 1 }],
    });
    expect(clash).toMatchObject({ status: 409, body: { conflicts: [original.id] } });
    const resend = await call(2, 'POST', '/v1/events', token, { events: [original] });
    expect(resend).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 1 } });
    const after = await call<Page>(2, 'GET', '/v1/events?after=0&limit=1', token);
    expect(after.body.head).toBe(before.body.head);
  });

  it('reports the database reachable, and each process stops cleanly on SIGTERM, closing its connections', async () => {
    for (let s = 0; s < PROCESSES; s++) {
      expect(await call(s, 'GET', '/v1/health')).toMatchObject({ status: 200, body: { database: 'ok' } });
    }
    for (const { child } of servers) child.kill('SIGTERM');
    for (const { done } of servers) {
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.stdout.trim().split('\n').at(-1)).toContain('"msg":"stopped"');
    }
    const left = await query<{ count: number }>(
      db.url,
      "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'grill-server'",
    );
    expect(left).toEqual([{ count: 0 }]);
  });
});
