import { Grill, history } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { resetSyncState, SyncHttpClient, syncOnce } from '@grill/core/sync';
import type { PullResponse } from '@grill/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckDir, T0 } from '../test-support/deck-fixture.js';
import { tempDir } from '../test-support/run-grill.js';
import { startSyncServer } from '../test-support/sync-server.js';

let server: Awaited<ReturnType<typeof startSyncServer>>;
beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(async () => {
  await server?.close();
});

const MIN = 60_000;
const CARDS = ['kinds/basic', 'kinds/choice', 'kinds/typed', 'kinds/open'];

async function device(username: string, content: string) {
  const grill = Grill.open(tempDir('grill-restore-'));
  importPaths(grill, [content], T0);
  const login = await SyncHttpClient.login(server.url, username, 'password123', 'test');
  return { grill, http: new SyncHttpClient(server.url, login.token) };
}

type Device = Awaited<ReturnType<typeof device>>;

let clock = T0;
function answer(d: Device, times: number): void {
  for (let i = 0; i < times; i++) {
    clock += MIN;
    d.grill.answer(CARDS[i % CARDS.length] ?? 'kinds/basic', 3, clock);
  }
}

const ids = (d: Device) => new Set(d.grill.reviewLog().map((e) => e.id));

async function serverIds(d: Device): Promise<Set<string>> {
  const page = (await d.http.pull(0, 1000)) as PullResponse;
  return new Set(page.events.map((e) => (e as { id: string }).id));
}

function expectConverged(devices: Device[], onServer: Set<string>): void {
  const [first, ...rest] = devices;
  if (!first) return;
  for (const other of rest) {
    expect(ids(other)).toEqual(ids(first));
    expect(history(other.grill)).toEqual(history(first.grill));
    for (const card of CARDS) expect(other.grill.state(card)).toEqual(first.grill.state(card));
  }
  expect(onServer).toEqual(ids(first));
}

describe('a server that lost data is noticed, and healed', () => {
  it('restored from an older backup: every device notices, re-sends, and all converge on the union', async () => {
    const user = await server.newUser();
    const content = deckDir();
    const [a, b, c] = [await device(user, content), await device(user, content), await device(user, content)];
    answer(a, 3);
    await syncOnce(a.grill, a.http, clock);
    answer(b, 2);
    await syncOnce(b.grill, b.http, clock);
    await syncOnce(c.grill, c.http, clock);
    const backup = await server.backup();

    answer(a, 2);
    await syncOnce(a.grill, a.http, clock);
    answer(b, 3);
    // b pushes, but its pull is lost: it has events on the server it has not pulled back.
    let pulls = 0;
    const pullLost = {
      push: (e: Parameters<typeof b.http.push>[0]) => b.http.push(e),
      pull: (after: number, limit: number) =>
        ++pulls === 1 ? b.http.pull(after, limit) : Promise.reject(new Error('connection lost')),
    };
    await expect(syncOnce(b.grill, pullLost, clock)).rejects.toThrow('connection lost');
    await syncOnce(c.grill, c.http, clock);
    expect(ids(c).size).toBe(10);

    await server.restore(backup);
    expect((await serverIds(c)).size).toBe(5);

    // Devices come back in any order; the one answering meanwhile too.
    answer(c, 1);
    const results = [
      await syncOnce(b.grill, b.http, clock),
      await syncOnce(c.grill, c.http, clock),
      await syncOnce(a.grill, a.http, clock),
    ];
    for (const r of results) expect(r.reset).toMatch(/restored|no longer holds|differs/);
    // A second round lets each see what the others re-sent.
    for (const d of [a, b, c]) expect((await syncOnce(d.grill, d.http, clock)).reset).toBeNull();
    expect(ids(a).size).toBe(11);
    expectConverged([a, b, c], await serverIds(a));
    for (const d of [a, b, c]) d.grill.close();
  });

  it('a fresh server database (and a new login) gets every device’s log again', async () => {
    const user = await server.newUser();
    const content = deckDir();
    let [a, b] = [await device(user, content), await device(user, content)];
    answer(a, 2);
    answer(b, 2);
    for (const d of [a, b, a]) await syncOnce(d.grill, d.http, clock);

    await server.wipe();
    await server.register(user); // the operator makes the accounts again
    const relogin = async (d: Device) => {
      const fresh = await SyncHttpClient.login(server.url, user, 'password123', 'test');
      return { grill: d.grill, http: new SyncHttpClient(server.url, fresh.token) };
    };
    [a, b] = [await relogin(a), await relogin(b)];
    const first = await syncOnce(a.grill, a.http, clock);
    expect(first.reset).toMatch(/not the one this machine synced with/);
    expect(first.pushed).toBe(4);
    await syncOnce(b.grill, b.http, clock);
    await syncOnce(a.grill, a.http, clock);
    expectConverged([a, b], await serverIds(a));
    for (const d of [a, b]) d.grill.close();
  });

  it('another account: the log goes there too, and resends are counted apart from new events', async () => {
    const content = deckDir();
    const a = await device(await server.newUser(), content);
    answer(a, 3);
    const first = await syncOnce(a.grill, a.http, clock);
    expect(first).toMatchObject({ pushed: 3, resent: 0, reset: null });
    // A resend after a lost acknowledgement is reported as such.
    resetSyncState(a.grill, ((await a.http.pull(0, 1)) as { stream: string }).stream);
    expect(await syncOnce(a.grill, a.http, clock)).toMatchObject({ pushed: 0, resent: 3, reset: null });

    const other = await server.newUser();
    const login = await SyncHttpClient.login(server.url, other, 'password123', 'test');
    const switched = { grill: a.grill, http: new SyncHttpClient(server.url, login.token) };
    const result = await syncOnce(switched.grill, switched.http, clock);
    expect(result).toMatchObject({ pushed: 3, resent: 0 });
    expect(result.reset).toMatch(/not the one this machine synced with/);
    expect((await serverIds(switched)).size).toBe(3);
    a.grill.close();
  });
});
