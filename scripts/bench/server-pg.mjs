// server-push-pg (issue 18): 50 clients of 10 users pushing small batches to grill-server processes on
// PostgreSQL — one process, then two sharing the database — next to one process on SQLite, in the
// same run. Each server is the built binary in its own process; the load comes from
// server-load.mjs (autocannon) in processes of their own, 25 connections per generator.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SyncHttpClient } from '../../packages/core/dist/sync-api.js';
import { findPostgresBin, startPostgres } from '../test-postgres.mjs';
import { runAsync } from './measure.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = path.join(ROOT, 'packages/server/bin/grill-server.js');
const LOAD = path.join(ROOT, 'scripts/bench/server-load.mjs');
const SECONDS = 5;
const CONNECTIONS = 50;
const { Client } = createRequire(path.join(ROOT, 'packages/server/package.json'))('pg');

/** A grill-server process on `db`, resolved with its URL once it listens. */
function startServer(db) {
  const child = spawn(
    process.execPath,
    [SERVER, '--host', '127.0.0.1', '--port', '0', '--db', db, '--open-registration'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const url = /Server listening at (http:\/\/[^"\s]+)/.exec(seen)?.[1];
      if (url)
        resolve({
          url,
          stop: () =>
            new Promise((done) => {
              child.on('close', done);
              child.kill('SIGTERM');
            }),
        });
    });
    child.on('exit', (code) => reject(new Error(`grill-server exited (${code}):\n${seen}`)));
  });
}

const USERS = 10;

/** USERS accounts in database `db` (made with `grill-server user add`, as an admin would). */
async function addUsers(db) {
  for (let i = 1; i <= USERS; i++)
    await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [SERVER, 'user', 'add', `bench${i}`, '--db', db, '--password-stdin'],
        {
          stdio: ['pipe', 'ignore', 'pipe'],
        },
      );
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`user add: ${err}`))));
      child.stdin.end('bench-password\n');
    });
}

/** A token for each of the USERS accounts on the server at `url`, comma-separated. */
async function tokens(url) {
  const list = [];
  for (let i = 1; i <= USERS; i++)
    list.push((await SyncHttpClient.login(url, `bench${i}`, 'bench-password', 'bench')).token);
  return list.join(',');
}

/** CONNECTIONS clients pushing for SECONDS as the users of `token` (a list), split evenly over `urls`: requests a second (summed), p50 and p99 (worst). */
async function push(urls, token) {
  const runs = await Promise.all(
    urls.map(async (url) =>
      JSON.parse(
        await runAsync(process.execPath, [
          LOAD,
          `${url}/v1/events`,
          token,
          String(SECONDS),
          String(CONNECTIONS / urls.length),
          'push',
        ]),
      ),
    ),
  );
  return {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    p50: Math.max(...runs.map((r) => r.latencyP50)),
    p99: Math.max(...runs.map((r) => r.latencyP99)),
    failed: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
  };
}

export async function serverPgCases({ work, record, log }) {
  if (!findPostgresBin()) {
    log('  server-push-pg: skipped, PostgreSQL is not installed');
    return;
  }
  const postgres = await startPostgres();
  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const pgUrl = postgres.url.replace(/\/postgres$/, '/bench');

    const sqliteFile = path.join(work, 'server-push.db');
    await addUsers(sqliteFile);
    await addUsers(pgUrl);
    const sqlite = await startServer(sqliteFile);
    let onSqlite;
    try {
      onSqlite = await push([sqlite.url], await tokens(sqlite.url));
    } finally {
      await sqlite.stop();
    }
    const first = await startServer(pgUrl);
    const second = await startServer(pgUrl);
    let one;
    let two;
    try {
      const token = await tokens(first.url);
      one = await push([first.url], token);
      two = await push([first.url, second.url], token);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const say = (r) =>
      `${Math.round(r.requests)} req/s, p99 ${r.p99} ms${r.failed ? `, ${r.failed} failed` : ''}`;
    log(
      `  SQLite, 1 process: ${say(onSqlite)}; PostgreSQL, 1 process: ${say(one)}; 2 processes: ${say(two)}`,
    );
    record(
      'server-push-pg',
      `50 clients of ${USERS} users pushing one event per request for ${SECONDS} s to grill-server on PostgreSQL: 1 process ${say(one)}; 2 processes ${say(two)}; vs 1 process on SQLite ${say(onSqlite)} (latency per request, against SQLite's)`,
      [two.p50],
      [onSqlite.p50],
      { target: 'report: 2 processes on PostgreSQL vs 1 on SQLite', p99: two.p99 },
    );
  } finally {
    postgres.stop();
  }
}
