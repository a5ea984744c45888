import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashPassword } from './passwords.js';
import type { ServerStore } from './store.js';
import { describeEachBackend } from './test-support/backends.js';
import { event, events, FAST_SCRYPT } from './test-support/helpers.js';

// The ServerStore contract: the same tests on SQLite and on PostgreSQL.
describeEachBackend('ServerStore', (backend) => {
  let store: ServerStore;

  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(async () => {
    await store.close();
  });

  async function newUser(name: string): Promise<number> {
    const password = await hashPassword('password123', FAST_SCRYPT);
    const user = await store.createUser({ name, password, createdAt: 1 });
    if (!user) throw new Error('name taken');
    return user.id;
  }

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

  it('answers an append with the head and its id, and pages with more, head and anchor', async () => {
    const ann = await newUser('ann');
    const bob = await newUser('bob');
    expect(await store.appendEvents(ann, events(1, 5))).toEqual({
      ok: true,
      accepted: 5,
      duplicates: 0,
      head: 5,
      headId: event(5).id,
    });
    expect(await store.appendEvents(ann, [event(2)])).toEqual({
      ok: true,
      accepted: 0,
      duplicates: 1,
      head: 5,
      headId: event(5).id,
    });
    const page = await store.pullEvents(ann, 2, 2);
    expect(page).toMatchObject({ more: true, head: 5, anchor: event(2).id });
    const { payload, ...third } = event(3);
    expect(page.events).toEqual([
      { ...third, payloadJson: JSON.stringify(payload), seq: 3 },
      expect.objectContaining({ id: event(4).id, seq: 4 }),
    ]);
    expect(await store.pullEvents(ann, 4, 2)).toMatchObject({ more: false, head: 5, anchor: event(4).id });
    expect(await store.pullEvents(ann, 0, 10)).toMatchObject({ more: false, anchor: null });
    expect(await store.pullEvents(ann, 9, 10)).toEqual({ events: [], more: false, head: 5, anchor: null });
    expect(await store.pullEvents(bob, 0, 10)).toEqual({ events: [], more: false, head: 0, anchor: null });
    expect(await store.appendEvents(bob, [])).toEqual({
      ok: true,
      accepted: 0,
      duplicates: 0,
      head: 0,
      headId: null,
    });
  });

  it('keeps the payload as the JSON text it was pushed as, key order included', async () => {
    const ann = await newUser('ann');
    const payload = { z: 1, a: { y: [3, 'é', null], b: true }, m: 'x"y' };
    await store.appendEvents(ann, [event(1, { payload })]);
    const [stored] = (await store.pullEvents(ann, 0, 10)).events;
    expect(stored?.payloadJson).toBe(JSON.stringify(payload));
  });

  it('has one identity, the same through every connection, and answers ping', async () => {
    const id = await store.identity();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const other = await backend.openAnother();
    expect(await other.identity()).toBe(id);
    await other.close();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('numbers appends for one user through two connections at once without gaps or repeats', async () => {
    const ann = await newUser('ann');
    const other = await backend.openAnother();
    const batches = Array.from({ length: 20 }, (_, b) => events(b * 10 + 1, 10));
    // Every batch goes through both connections, all at once: one of each pair stores it.
    const results = await Promise.all(
      batches.flatMap((batch) => [store, other].map((s) => s.appendEvents(ann, batch))),
    );
    await other.close();
    let accepted = 0;
    let duplicates = 0;
    for (const result of results) {
      if (!result.ok) throw new Error(`conflict: ${result.conflicts}`);
      accepted += result.accepted;
      duplicates += result.duplicates;
    }
    expect([accepted, duplicates]).toEqual([200, 200]);
    const page = await store.pullEvents(ann, 0, 1000);
    expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(page.events.map((e) => e.id))).toEqual(new Set(events(1, 200).map((e) => e.id)));
    expect(page.head).toBe(200);
  });
});
