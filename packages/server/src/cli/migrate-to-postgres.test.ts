import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../accounts.js';
import { buildApp } from '../app.js';
import { PgStore } from '../pg-store.js';
import { SqliteStore } from '../sqlite-store.js';
import type { ServerStore } from '../store.js';
import { bearer, event, events, FAST_SCRYPT, PASSWORD, tempDir } from '../test-support/helpers.js';
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from '../test-support/postgres.js';
import { serverCli } from '../test-support/run-cli.js';
import { hashToken } from '../tokens.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  serverCli(args, '', { GRILL_SERVER_DB: '', DATABASE_URL: '', ...env });

describe.skipIf(!POSTGRES_URL)('grill-server migrate-to-postgres, and the commands on PostgreSQL', () => {
  let dir: string;
  let file: string;
  let target: TestDatabase;
  /** What the SQLite server handed out before the move. */
  const tokens: Record<string, string> = {};

  /** A login through the app, as a device does: the token it gets. */
  async function login(store: ServerStore, username: string, device: string, now = Date.now()) {
    const app = buildApp({ store, scryptCost: FAST_SCRYPT, now: () => now, tokenLifetimeMs: 60_000 });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username, password: PASSWORD, device },
    });
    await app.close();
    return (response.json() as { token: string; tokenId: string }).token;
  }

  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, 'server.db');
    target = await createTestDatabase();
    const sqlite = SqliteStore.open(file);
    const accounts = new Accounts(sqlite, { scryptCost: FAST_SCRYPT, now: Date.now });
    const ann = await accounts.create('Ann', PASSWORD);
    const bob = await accounts.create('bob', PASSWORD);
    await accounts.create('cy', PASSWORD);
    tokens.ann = await login(sqlite, 'ann', 'laptop');
    tokens.bob = await login(sqlite, 'bob', 'phone');
    // Expired at once (issued long ago with a one-minute lifetime), and one revoked.
    tokens.old = await login(sqlite, 'ann', 'old', 1_000);
    const revoked = await login(sqlite, 'bob', 'lost');
    const owner = await sqlite.useToken(hashToken(revoked), Date.now());
    await sqlite.revokeToken(bob.id, owner?.tokenId ?? '', Date.now());
    await sqlite.appendEvents(ann.id, events(1, 2_100));
    await sqlite.appendEvents(bob.id, [event(1, { payload: { z: 1, a: [2, { y: 'é' }] } }), event(7)]);
    await sqlite.close();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await target?.drop();
  });

  it('copies users, tokens, events with their seqs and the identity, in one go', async () => {
    const copied = await run(['migrate-to-postgres', '--from', file, '--to', target.url]);
    expect(copied).toMatchObject({ status: 0, stderr: '' });
    expect(copied.stdout).toBe(
      `copied 3 users, 4 tokens and 2102 events from ${file} to ${target.url}, with the server's identity (devices go on without re-sending); serve it with --db ${target.url}\n`,
    );

    const sqlite = SqliteStore.open(file);
    const pg = await PgStore.open(target.url);
    try {
      expect(await pg.identity()).toBe(await sqlite.identity());
      for (const name of ['ann', 'bob', 'cy']) {
        const [before, after] = [await sqlite.findUserByName(name), await pg.findUserByName(name)];
        expect(after).toEqual(before);
        const id = before?.id ?? 0;
        expect(await pg.pullEvents(id, 0, 5_000)).toEqual(await sqlite.pullEvents(id, 0, 5_000));
        expect(await pg.listTokens(id, Date.now())).toEqual(await sqlite.listTokens(id, Date.now()));
      }
      // The devices' tokens work as they did: live ones live, the expired one expired.
      expect(await pg.useToken(hashToken(tokens.ann ?? ''), Date.now())).toMatchObject({ username: 'Ann' });
      expect(await pg.tokenExpired(hashToken(tokens.old ?? ''), Date.now())).toBe(true);

      // A device pulls the same stream from the new server and carries on from its cursor.
      const apps = [buildApp({ store: sqlite }), buildApp({ store: pg })];
      const pages = await Promise.all(
        apps.map(async (app) => {
          const response = await app.inject({
            method: 'GET',
            url: '/v1/events?after=2099&limit=10',
            headers: bearer(tokens.ann ?? ''),
          });
          await app.close();
          return response.json() as {
            stream: string;
            events: { seq: number }[];
            head: number;
            anchor: string;
          };
        }),
      );
      const [before, after] = pages;
      expect(after).toMatchObject({ stream: before?.stream, head: 2100, anchor: event(2099).id });
      expect(after?.events.map((e) => e.seq)).toEqual([2100]);

      // New accounts and events continue the numbering.
      const dee = await pg.createUser({
        name: 'dee',
        password: (await pg.findUserByName('cy'))!.password,
        createdAt: 1,
      });
      expect(dee?.id).toBeGreaterThan(3);
      const ann = (await pg.findUserByName('ann'))?.id ?? 0;
      expect(await pg.appendEvents(ann, [event(9_999)])).toMatchObject({ ok: true, accepted: 1, head: 2101 });
    } finally {
      await sqlite.close();
      await pg.close();
    }
  });

  it('refuses a database that already holds users, in one line, copying nothing', async () => {
    const again = await run(['migrate-to-postgres', '--from', file, '--to', target.url]);
    expect(again).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `grill-server: ${target.url} already holds 4 users and 2103 events: migrate-to-postgres copies only into an empty database\n`,
    });
  });

  it('refuses a --to that is not a postgres:// URL, and a missing file', async () => {
    expect(await run(['migrate-to-postgres', '--from', file, '--to', path.join(dir, 'x.db')])).toMatchObject({
      status: 2,
      stderr: `grill-server: --to must be a postgres:// URL (got ${path.join(dir, 'x.db')})\n`,
    });
    const missing = path.join(dir, 'none.db');
    expect(await run(['migrate-to-postgres', '--from', missing, '--to', target.url])).toMatchObject({
      status: 1,
      stderr: `grill-server: no database at ${missing}\n`,
    });
  });

  it('adds users on PostgreSQL from --db or $DATABASE_URL; backup and restore refuse it', async () => {
    const viaFlag = await serverCli(
      ['user', 'add', 'eve', '--db', target.url, '--password-stdin'],
      PASSWORD,
      {
        GRILL_SERVER_DB: '',
        DATABASE_URL: '',
      },
    );
    expect(viaFlag).toMatchObject({ status: 0, stdout: `created user eve in ${target.url}\n` });
    const viaEnv = await serverCli(['user', 'add', 'fay', '--password-stdin'], PASSWORD, {
      GRILL_SERVER_DB: '',
      DATABASE_URL: target.url,
    });
    expect(viaEnv).toMatchObject({ status: 0, stdout: `created user fay in ${target.url}\n` });
    const pg = await PgStore.open(target.url);
    expect((await pg.findUserByName('FAY'))?.name).toBe('fay');
    await pg.close();

    expect(
      await run(['user', 'add', 'gus', '--password-stdin'], { DATABASE_URL: 'mysql://x/y' }),
    ).toMatchObject({
      status: 2,
      stderr:
        'grill-server: $DATABASE_URL is not a postgres:// URL; for a SQLite file use --db FILE or $GRILL_SERVER_DB\n',
    });
    for (const command of ['backup --out x.db', 'restore --from x.db']) {
      const refused = await run([...command.split(' '), '--db', target.url]);
      expect(refused).toMatchObject({
        status: 1,
        stderr: `grill-server: ${command.split(' ')[0]} works on a SQLite file, not ${target.url}: use PostgreSQL's own tools (pg_dump, pg_restore)\n`,
      });
    }
  });
});
