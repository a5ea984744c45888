// Sync cases: a real grill-server on loopback (port 0), real clients.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Grill } from '../../packages/core/dist/index.js';
import { SyncHttpClient, syncOnce } from '../../packages/core/dist/sync-api.js';
import { buildApp, SqliteStore } from '../../packages/server/dist/index.js';
import { uuid7 } from './data.mjs';
import { runAsync } from './measure.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GRILL = path.join(ROOT, 'packages/tui/bundle/cli.js');
const EVENTS = 100_000;

export async function syncCases({ work, record, log }) {
  const store = SqliteStore.open(path.join(work, 'server.db'));
  const app = buildApp({
    store,
    openRegistration: true,
    loginRateLimit: { max: 1_000_000, timeWindow: 60_000 },
    registrationRateLimit: { max: 1_000_000, timeWindow: 60_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${app.server.address().port}`;
  try {
    await fetch(`${url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const login = () => SyncHttpClient.login(url, 'bench', 'bench-password', 'bench');

    // A laptop with 100k answers made offline, added through the engine (Grill.ingest).
    const laptop = Grill.open(path.join(work, 'laptop'));
    const t0 = Date.parse('2025-01-01T08:00:00Z');
    laptop.ingest(
      Array.from({ length: EVENTS }, (_, i) => ({
        id: uuid7(t0 + i * 1000, i),
        cardKey: `deck-${1 + (i % 100)}/q${1 + (i % 97)}`,
        type: 'review',
        at: t0 + i * 1000,
        deviceId: laptop.deviceId,
        payload: { rating: 1 + (i % 4), durationMs: 4000 },
      })),
    );
    const laptopToken = await login();
    const laptopHttp = new SyncHttpClient(url, laptopToken.token);

    const rawInserts = () => {
      const db = new Database(path.join(work, `raw-${performance.now()}.db`));
      db.pragma('journal_mode = WAL');
      db.exec(
        'CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, card_key TEXT, type TEXT, at INTEGER, device_id TEXT, payload TEXT)',
      );
      const ins = db.prepare(
        'INSERT INTO events (id, card_key, type, at, device_id, payload) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const t = performance.now();
      db.transaction(() => {
        for (let i = 0; i < EVENTS; i++)
          ins.run(uuid7(t0 + i, i), 'deck-1/q1', 'review', t0 + i, 'dev', '{"rating":3,"durationMs":4000}');
      })();
      const ms = performance.now() - t;
      db.close();
      return ms;
    };
    const baseline = [rawInserts(), rawInserts(), rawInserts()];

    let t = performance.now();
    const pushed = await syncOnce(laptop, laptopHttp, Date.now());
    const pushMs = performance.now() - t;
    log(`  pushed ${pushed.pushed}`);
    record('sync-push', `push ${EVENTS} events over loopback (one sync)`, [pushMs], baseline, {
      target: '≤ 5000 ms',
    });

    const desktop = Grill.open(path.join(work, 'desktop'));
    const desktopHttp = new SyncHttpClient(url, (await login()).token);
    t = performance.now();
    const pulled = await syncOnce(desktop, desktopHttp, Date.now());
    const pullMs = performance.now() - t;
    log(`  pulled ${pulled.pulled}`);
    record(
      'sync-pull',
      `pull ${EVENTS} events over loopback into a new machine (one sync)`,
      [pullMs],
      baseline,
      { target: '≤ 2500 ms' },
    );

    // A no-op `grill sync`, whole process.
    const home = path.join(work, 'desktop');
    writeFileSync(
      path.join(home, 'sync.json'),
      JSON.stringify({ server: url, username: 'bench', token: (await login()).token, tokenId: 'x' }),
      { mode: 0o600 },
    );
    laptop.close();
    desktop.close();
    const env = { GRILL_HOME: home, GRILL_CONTENT: path.join(work, 'empty-content') };
    const noop = [];
    const nodeRuns = [];
    for (let i = 0; i < 10; i++) {
      let s = performance.now();
      await runAsync(process.execPath, [GRILL, 'sync'], env);
      noop.push(performance.now() - s);
      s = performance.now();
      await runAsync(process.execPath, ['-e', '0']);
      nodeRuns.push(performance.now() - s);
    }
    record('sync-noop', 'grill sync with nothing to push or pull (whole process)', noop, nodeRuns, {
      target: '≤ 150 ms',
    });

    // Throughput: 50 clients pushing one event per request for 5 s, against a trivial route.
    const trivial = Fastify();
    trivial.get('/noop', async () => ({ ok: true }));
    await trivial.listen({ host: '127.0.0.1', port: 0 });
    const load = async (target, mode) =>
      JSON.parse(
        await runAsync(process.execPath, [
          path.join(ROOT, 'scripts/bench/server-load.mjs'),
          target,
          laptopToken.token,
          '5',
          '50',
          mode,
        ]),
      );
    const base = await load(`http://127.0.0.1:${trivial.server.address().port}/noop`, 'get');
    const push = await load(`${url}/v1/events`, 'push');
    await trivial.close();
    log(
      `  server-push: ${Math.round(push.requests)} req/s (${push.non2xx} non-2xx, ${push.errors} errors) vs trivial route ${Math.round(base.requests)} req/s`,
    );
    record(
      'server-push',
      `50 clients pushing one event per request for 5 s: ${Math.round(push.requests)} req/s vs ${Math.round(base.requests)} req/s on a trivial route (latency per request)`,
      [push.latencyP50],
      [base.latencyP50],
      { target: 'report', p99: push.latencyP99 },
    );
  } finally {
    await app.close();
    await store.close();
  }
}
