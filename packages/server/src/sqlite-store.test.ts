import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from './passwords.js';
import { SCHEMA_VERSION } from './sqlite/migrations.js';
import { SqliteStore } from './sqlite-store.js';
import { event, events, FAST_SCRYPT, tempDir } from './test-support/helpers.js';

describe('SqliteStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'server.db');
    store = SqliteStore.open(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newUser(name: string): Promise<number> {
    const password = await hashPassword('password123', FAST_SCRYPT);
    const user = await store.createUser({ name, password, createdAt: 1 });
    if (!user) throw new Error('name taken');
    return user.id;
  }

  it('creates the schema with WAL and foreign keys, and reopening migrates nothing', async () => {
    await store.close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['events', 'server_meta', 'tokens', 'users']);
    db.close();
    store = SqliteStore.open(file);
    expect(await store.findUserByName('nobody')).toBeUndefined();
  });

  it('refuses a database from a newer grill-server', async () => {
    await store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/newer than this grill-server/);
    store = SqliteStore.open(path.join(dir, 'other.db'));
  });

  it('keeps user names unique and round-trips the password hash', async () => {
    const password = await hashPassword('password123', FAST_SCRYPT);
    const created = await store.createUser({ name: 'ann', password, createdAt: 5 });
    expect(created?.id).toBeTypeOf('number');
    expect(await store.createUser({ name: 'ann', password, createdAt: 6 })).toBeUndefined();
    const found = await store.findUserByName('ann');
    expect(found?.password.hash.equals(password.hash)).toBe(true);
    expect(found?.password.params).toEqual(password.params);
  });

  it('treats names that differ only in case as one, and finds it as registered', async () => {
    const password = await hashPassword('password123', FAST_SCRYPT);
    const created = await store.createUser({ name: 'Ann', password, createdAt: 5 });
    expect(await store.createUser({ name: 'ann', password, createdAt: 6 })).toBeUndefined();
    expect(await store.createUser({ name: 'ANN', password, createdAt: 6 })).toBeUndefined();
    for (const name of ['ann', 'ANN', 'aNn']) {
      expect(await store.findUserByName(name)).toMatchObject({ id: created?.id, name: 'Ann' });
    }
  });

  it('assigns gap-free per-user seqs across batches and users', async () => {
    const ann = await newUser('ann');
    const bob = await newUser('bob');
    expect(await store.appendEvents(ann, events(1, 3))).toMatchObject({
      ok: true,
      accepted: 3,
      duplicates: 0,
    });
    expect(await store.appendEvents(bob, events(1, 2))).toMatchObject({
      ok: true,
      accepted: 2,
      duplicates: 0,
    });
    expect(await store.appendEvents(ann, events(3, 3))).toMatchObject({
      ok: true,
      accepted: 2,
      duplicates: 1,
    });
    const page = await store.pullEvents(ann, 0, 100);
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page.events.map((e) => e.id)).toEqual(events(1, 5).map((e) => e.id));
    expect((await store.pullEvents(bob, 0, 100)).events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('counts a resend with reordered payload keys as a duplicate', async () => {
    const ann = await newUser('ann');
    await store.appendEvents(ann, [event(1, { payload: { a: 1, b: { c: 2, d: 3 } } })]);
    const resend = event(1, { payload: { b: { d: 3, c: 2 }, a: 1 } });
    expect(await store.appendEvents(ann, [resend])).toMatchObject({ ok: true, accepted: 0, duplicates: 1 });
  });

  it('stores nothing from a batch with a conflicting id, and consumes no seq', async () => {
    const ann = await newUser('ann');
    await store.appendEvents(ann, [event(1)]);
    const batch = [event(2), event(1, { at: 42 }), event(3), event(1, { deviceId: 'other' })];
    expect(await store.appendEvents(ann, batch)).toEqual({ ok: false, conflicts: [event(1).id] });
    expect((await store.pullEvents(ann, 0, 100)).events.map((e) => e.id)).toEqual([event(1).id]);
    await store.appendEvents(ann, [event(2)]);
    expect((await store.pullEvents(ann, 0, 100)).events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('treats the same id twice in one batch like a resend or a clash', async () => {
    const ann = await newUser('ann');
    expect(await store.appendEvents(ann, [event(1), event(1)])).toMatchObject({
      ok: true,
      accepted: 1,
      duplicates: 1,
    });
    expect(await store.appendEvents(ann, [event(2), event(2, { cardKey: 'x/y' })])).toMatchObject({
      ok: false,
      conflicts: [event(2).id],
    });
  });

  it('lists live tokens, records use and revokes only the owner’s token', async () => {
    const ann = await newUser('ann');
    const bob = await newUser('bob');
    const token = (id: string, userId: number, device: string, createdAt: number) => ({
      id,
      userId,
      tokenHash: `h${id}`,
      device,
      createdAt,
      expiresAt: null,
    });
    await store.createToken(token('t1', ann, 'laptop', 10));
    await store.createToken(token('t2', ann, 'phone', 11));
    expect(await store.useToken('ht1', 20)).toEqual({ tokenId: 't1', userId: ann, username: 'ann' });
    expect(await store.useToken('nope', 20)).toBeUndefined();
    expect(await store.listTokens(ann, 20)).toEqual([
      { id: 't1', device: 'laptop', createdAt: 10, lastUsedAt: 20, expiresAt: null },
      { id: 't2', device: 'phone', createdAt: 11, lastUsedAt: null, expiresAt: null },
    ]);
    expect(await store.revokeToken(bob, 't1', 30)).toBe(false);
    expect(await store.revokeToken(ann, 't1', 30)).toBe(true);
    expect(await store.revokeToken(ann, 't1', 31)).toBe(false);
    expect(await store.useToken('ht1', 40)).toBeUndefined();
    expect(await store.tokenExpired('ht1', 40)).toBe(false);
    expect((await store.listTokens(ann, 40)).map((t) => t.id)).toEqual(['t2']);
  });

  it('stops using and listing a token at its expiry, and tells it apart from a revoked one', async () => {
    const ann = await newUser('ann');
    await store.createToken({
      id: 't1',
      userId: ann,
      tokenHash: 'h1',
      device: 'laptop',
      createdAt: 10,
      expiresAt: 100,
    });
    expect(await store.useToken('h1', 99)).toMatchObject({ tokenId: 't1' });
    expect(await store.listTokens(ann, 99)).toEqual([
      { id: 't1', device: 'laptop', createdAt: 10, lastUsedAt: 99, expiresAt: 100 },
    ]);
    expect(await store.tokenExpired('h1', 99)).toBe(false);
    expect(await store.useToken('h1', 100)).toBeUndefined();
    expect(await store.tokenExpired('h1', 100)).toBe(true);
    expect(await store.tokenExpired('nope', 100)).toBe(false);
    expect(await store.listTokens(ann, 100)).toEqual([]);
  });

  it("revokes the token a new one replaces, only if it is the same user's", async () => {
    const ann = await newUser('ann');
    const bob = await newUser('bob');
    const token = (id: string, userId: number) => ({
      id,
      userId,
      tokenHash: `h${id}`,
      device: 'd',
      createdAt: 10,
      expiresAt: null,
    });
    await store.createToken(token('a1', ann));
    await store.createToken(token('b1', bob));
    await store.createToken(token('a2', ann), 'a1');
    await store.createToken(token('a3', ann), 'b1');
    expect((await store.listTokens(ann, 20)).map((t) => t.id)).toEqual(['a2', 'a3']);
    expect((await store.listTokens(bob, 20)).map((t) => t.id)).toEqual(['b1']);
  });
});
