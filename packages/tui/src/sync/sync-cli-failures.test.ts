import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import {
  emptyPage,
  type FakeReply,
  type FakeRequest,
  fakeSyncServer,
} from '../test-support/fake-sync-server.js';
import { grill, tempDir } from '../test-support/run-grill.js';
import { startSyncServer } from '../test-support/sync-server.js';

const NOW = '2026-03-02T09:00:00Z';

let server: Awaited<ReturnType<typeof startSyncServer>>;
beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(async () => {
  await server?.close();
});
const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

function machine(content = deckDir()) {
  const home = tempDir('grill-cli-failure-');
  return {
    home,
    run: (args: string[], input = '', now = NOW) =>
      grill(args, { home, now, input, env: { GRILL_CONTENT: content } }),
    /** Logged in to `url` without asking it (the fake servers cannot issue tokens). */
    loginTo(url: string) {
      writeFileSync(
        path.join(home, 'sync.json'),
        JSON.stringify({ server: url, username: 'ann', token: 'token', tokenId: 'id' }),
        { mode: 0o600 },
      );
    },
  };
}

async function fake(route: (request: FakeRequest) => FakeReply) {
  const f = await fakeSyncServer(route);
  fakes.push(f);
  return f;
}

/** One line on stderr, in grill's words, nothing on stdout, and never an internal error. */
function expectOneLine(result: { stdout: string; stderr: string }, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.stderr).toMatch(/^grill: /);
  expect(result.stderr).not.toMatch(/^grill: internal error|\n\s+at /);
  expect(result.stderr).toMatch(message);
}

describe('grill sync fails with one line and a distinct exit code', () => {
  it.each<[string, FakeReply, number, RegExp]>([
    [
      'an invalid page',
      { body: { ...emptyPage(), more: true } },
      1,
      /invalid response: more is true with no events/,
    ],
    [
      'a server error',
      { status: 500, body: { error: 'internal error' } },
      5,
      /answered 500 .*try again later/,
    ],
    [
      "a proxy's error page",
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' },
      5,
      /the sync server \(or a proxy in front of it\) answered 502/,
    ],
    [
      'a refused token',
      { status: 401, body: { error: 'invalid or revoked token; log in again' } },
      6,
      /refused the login/,
    ],
    ['an old server', { headers: { 'grill-protocol': '' }, body: {} }, 9, /older sync protocol/],
    ['a rate limit', { status: 429, body: { error: 'slow down' } }, 8, /too many attempts/],
    [
      'a redirect',
      { status: 302, headers: { location: 'http://example.com/' } },
      12,
      /does not follow redirects/,
    ],
  ])('%s', async (_name, reply, status, message) => {
    const m = machine();
    await m.run(['review', 'kinds/basic', '--rating', 'good']);
    const f = await fake(() => reply);
    m.loginTo(f.url);
    const standing = async () => JSON.parse((await m.run(['sync', '--status', '--json'])).stdout);
    const before = await standing();
    const result = await m.run(['sync']);
    expectOneLine(result, message);
    expect(result.status).toBe(status);
    // Nothing was lost or marked sent.
    expect(await standing()).toEqual(before);
    expect(before.unsynced).toBeGreaterThan(0);
  });

  it('an unreachable server: exit 3', async () => {
    const m = machine();
    const f = await fake(() => ({ body: {} }));
    await f.close();
    fakes.pop();
    m.loginTo(f.url);
    const result = await m.run(['sync']);
    expectOneLine(result, /cannot reach the sync server/);
    expect(result.status).toBe(3);
  });

  it('a clock ahead of the real server: exit 7, the answers stay here unsynced until the clock is fixed', async () => {
    const m = machine();
    const user = await server.newUser();
    const future = new Date(Date.now() + 3 * 3_600_000).toISOString();
    await m.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    await m.run(['review', 'kinds/basic', '--rating', 'good'], '', future);
    const result = await m.run(['sync'], '', future);
    expectOneLine(
      result,
      /this machine's clock is 3 h 0 min ahead of the sync server's — fix it and sync again/,
    );
    expect(result.status).toBe(7);
  });
});

describe('invalid events on the server, through the command line', () => {
  it('are set aside and reported; every command keeps working; doctor lists them', async () => {
    const m = machine();
    const user = await server.newUser();
    await m.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    const userId = (await server.store.findUserByName(user))?.id ?? -1;
    const at = Date.parse(NOW);
    const hlc = `${String(at).padStart(15, '0')}:000000:bad`;
    // What an older server let through: each once bricked every device of the account.
    await server.store.appendEvents(userId, [
      {
        id: '019cadc6-9a81-7000-8000-00000000000a',
        cardKey: '@settings',
        type: 'setting',
        at,
        deviceId: 'bad',
        payload: { scope: '', key: 'retention', value: 'abc', hlc },
      },
      {
        id: '019cadc6-9a81-7000-8000-00000000000b',
        cardKey: 'kinds/basic',
        type: 'review',
        at,
        deviceId: 'bad',
        payload: { rating: 99, durationMs: 0 },
      },
      {
        id: '019cadc6-9a81-7000-8000-00000000000c',
        cardKey: 'kinds/basic',
        type: 'review',
        at,
        deviceId: 'good',
        payload: { rating: 3, durationMs: 0 },
      },
    ]);
    const result = await m.run(['sync']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/pulled 1\b/);
    expect(result.stderr).toContain('set aside 2 invalid events');
    expect(result.stderr).toContain('payload/value must be a number from 0.7 to 0.99');
    for (const command of [['next'], ['due'], ['review', 'kinds/choice', '--rating', 'good'], ['stats']]) {
      const r = await m.run(command);
      expect([command, r.status, r.stderr]).toEqual([command, 0, '']);
    }
    const doctor = await m.run(['doctor']);
    expect(doctor.status).toBe(0);
    expect(doctor.stdout).toMatch(/quarantine {2}2 invalid events kept aside, never applied/);
    // A second sync does not report them again, and is not blocked by them.
    const again = await m.run(['sync']);
    expect([again.status, again.stderr]).toEqual([0, '']);
  });

  it('an invalid setting already in a log from an older grill: doctor finds it, --repair sets it aside', async () => {
    const m = machine();
    await m.run(['review', 'kinds/basic', '--rating', 'good']);
    const db = new Database(path.join(m.home, 'grill.db'));
    const hlc = `${String(Date.parse(NOW)).padStart(15, '0')}:000001:old`;
    const payload = JSON.stringify({ scope: '', key: 'retention', value: 'abc', hlc });
    db.prepare(
      `INSERT INTO events (id, card_key, type, at, device_id, payload, synced, local)
       VALUES ('019cadc6-9a81-7000-8000-0000000000ff', '@settings', 'setting', ?, 'old', ?, 1, 0)`,
    ).run(Date.parse(NOW), payload);
    db.prepare(
      "INSERT OR REPLACE INTO settings (scope, key, value, hlc) VALUES ('', 'retention', '\"abc\"', ?)",
    ).run(hlc);
    db.close();
    const found = await m.run(['doctor']);
    expect(found.status).toBe(1);
    expect(found.stdout).toMatch(/events {6}1 invalid \(run grill doctor --repair to set them aside\)/);
    const repaired = await m.run(['doctor', '--repair']);
    expect(repaired.stdout).toMatch(/moved to quarantine/);
    expect(repaired.status).toBe(0);
    expect((await m.run(['config', 'get', 'retention'])).stdout).toBe('0.9\n');
    expect((await m.run(['next'])).status).toBe(0);
    expect((await m.run(['doctor'])).status).toBe(0);
  });
});

describe('grill login', () => {
  it('creates a GRILL_HOME that does not exist yet, and keeps a path prefix in --server', async () => {
    const home = path.join(tempDir('grill-login-'), 'not', 'yet');
    const user = await server.newUser();
    const prefixed = await fake((request) => {
      if (request.url.pathname !== '/grill/v1/login') return { status: 404, body: { error: 'no route' } };
      return { body: { token: 't'.repeat(43), tokenId: 'tid', username: user } };
    });
    const result = await grill(
      ['login', '--server', `${prefixed.url}/grill/`, '--user', user, '--password-stdin'],
      {
        home,
        input: 'password123\n',
      },
    );
    expect([result.status, result.stdout]).toEqual([0, `logged in to ${prefixed.url}/grill as ${user}\n`]);
    expect(existsSync(path.join(home, 'sync.json'))).toBe(true);
  });

  it('takes back the token when it cannot be stored, so none is left that nobody holds', async () => {
    const m = machine();
    const user = await server.newUser();
    mkdirSync(path.join(m.home, 'sync.json'), { recursive: true });
    const result = await m.run(
      ['login', '--server', server.url, '--user', user, '--password-stdin'],
      'password123\n',
    );
    expectOneLine(result, /cannot store the login in .* \(the new token was revoked\)/);
    const userId = (await server.store.findUserByName(user))?.id ?? -1;
    expect(await server.store.listTokens(userId, Date.now())).toEqual([]);
  });

  it('warns before sending a password over plain http to another machine', async () => {
    const m = machine();
    const f = await fake(() => ({ body: {} }));
    await f.close();
    fakes.pop();
    // 0.0.0.0 is not a loopback name (it fails fast here, with nothing listening on the port).
    const remote = f.url.replace('127.0.0.1', '0.0.0.0');
    const result = await m.run(['login', '--server', remote, '--user', 'ann', '--password-stdin'], 'pw\n');
    expect(result.stderr.split('\n')[0]).toMatch(
      /^grill: warning: 0\.0\.0\.0:\d+ is reached over plain http:\/\/, so the password and token cross the network unencrypted/,
    );
    const local = await m.run(
      ['login', '--server', server.url, '--user', 'nobody', '--password-stdin'],
      'pw\n',
    );
    expect(local.stderr).not.toMatch(/warning/);
  });

  it('refuses a username from the server that is not a username (escape codes and all)', async () => {
    const evil = await fake(() => ({
      body: { token: 't'.repeat(43), tokenId: 'tid', username: '\u001b[2Jpwn' },
    }));
    const m = machine();
    const result = await m.run(['login', '--server', evil.url, '--user', 'ann', '--password-stdin'], 'pw\n');
    expectOneLine(result, /invalid response: username must match/);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('\u001b');
    expect(existsSync(path.join(m.home, 'sync.json'))).toBe(false);
  });

  it('checks the username before asking for a password', async () => {
    const m = machine();
    const result = await m.run(['login', '--server', server.url, '--user', '', '--password-stdin'], 'pw\n');
    expectOneLine(result, /--user must be 1-64 characters/);
    expect(result.status).toBe(1);
  });

  it('logout with the server unreachable: forgets the token here and says it is still valid there', async () => {
    const m = machine();
    const f = await fake(() => ({ body: {} }));
    await f.close();
    fakes.pop();
    m.loginTo(f.url);
    const result = await m.run(['logout']);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe(`logged out of ${f.url} on this machine\n`);
    expect(result.stderr).toMatch(
      /^grill: the token could not be revoked on the server \(cannot reach .*\); it stays valid there until revoked/,
    );
    expect(existsSync(path.join(m.home, 'sync.json'))).toBe(false);
  });

  it('a damaged login file: sync says so, login replaces it', async () => {
    const m = machine();
    writeFileSync(path.join(m.home, 'sync.json'), '{"server": "http://x", "tok');
    const sync = await m.run(['sync']);
    expectOneLine(sync, /sync\.json is damaged: run grill login again/);
    expect(sync.status).toBe(1);
    const user = await server.newUser();
    const login = await m.run(
      ['login', '--server', server.url, '--user', user, '--password-stdin'],
      'password123\n',
    );
    expect(login.status).toBe(0);
    expect((await m.run(['sync'])).status).toBe(0);
  });

  it('refuses a redirect: the password never reaches the other host', async () => {
    const elsewhere = await fake(() => ({ body: { token: 'stolen', tokenId: 'x', username: 'ann' } }));
    const redirecting = await fake(() => ({
      status: 307,
      headers: { location: `${elsewhere.url}/v1/login` },
    }));
    const m = machine();
    const result = await m.run(
      ['login', '--server', redirecting.url, '--user', 'ann', '--password-stdin'],
      'secret-pw\n',
    );
    expectOneLine(result, /answered with a redirect to .*does not follow redirects with credentials/);
    expect(result.status).toBe(12);
    expect(elsewhere.requests).toEqual([]);
    expect(existsSync(path.join(m.home, 'sync.json'))).toBe(false);
  });

  it('logging in again from a machine replaces its token; another account starts the sync from zero', async () => {
    const m = machine();
    const ann = await server.newUser();
    const login = (user: string) =>
      m.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    await login(ann);
    await m.run(['review', 'kinds/basic', '--rating', 'good']);
    // The answer and the collection's time zone.
    expect((await m.run(['sync'])).stdout).toMatch(/pushed 2, pulled 0\b/);
    const userId = (await server.store.findUserByName(ann))?.id ?? -1;
    const live = async () => (await server.store.listTokens(userId, Date.now())).length;
    expect(await live()).toBe(1);
    // The same account (names are case-insensitive): the old token goes, the sync goes on.
    await login(ann.toUpperCase());
    expect(await live()).toBe(1);
    expect((await m.run(['sync'])).stdout).toMatch(/pushed 0, pulled 0\b/);
    // Another account: the whole log goes there, said so.
    const bob = await server.newUser();
    expect((await login(bob)).stdout).toMatch(/the next sync sends this machine’s whole review log there\n$/);
    expect(await live()).toBe(0);
    expect((await m.run(['sync'])).stdout).toMatch(/pushed 2, pulled 0\b/);
  });
});

describe('a data folder grill cannot use', () => {
  it('GRILL_HOME naming a file: one line, its own exit status, no stack trace', async () => {
    const file = path.join(tempDir('grill-home-file-'), 'home');
    writeFileSync(file, 'not a folder');
    for (const args of [['due'], ['login', '--server', server.url, '--user', 'ann', '--password-stdin']]) {
      const result = await grill(args, { home: file, input: 'pw\n' });
      expectOneLine(result, /cannot use .*: a file is in the way where grill needs a folder/);
      expect(result.status).toBe(11);
    }
  });
});
