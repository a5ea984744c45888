import path from 'node:path';
import { Grill, history, SyncError, syncStatus } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { doctor, SyncHttpClient, syncOnce } from '@grill/core/sync';
import { MAX_PULL_RESPONSE_BYTES, MAX_PUSH_BODY_BYTES } from '@grill/protocol';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { deckDir, T0 } from '../test-support/deck-fixture.js';
import {
  emptyPage,
  FAKE_NOW,
  type FakeReply,
  type FakeRequest,
  fakeSyncServer,
} from '../test-support/fake-sync-server.js';
import { tempDir } from '../test-support/run-grill.js';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

async function serve(route: (request: FakeRequest) => FakeReply) {
  const server = await fakeSyncServer(route);
  open.push(server);
  return server;
}

function machine() {
  const grill = Grill.open(tempDir('grill-untrusted-'));
  importPaths(grill, [deckDir()], T0);
  open.push(grill);
  return grill;
}

const id = (n: number) => `019cadc6-9a81-7000-8000-${String(n).padStart(12, '0')}`;
const review = (n: number, rating: unknown = 3) => ({
  id: id(n),
  cardKey: 'kinds/basic',
  type: 'review',
  at: T0 + n * 60_000,
  deviceId: 'other',
  payload: { rating, durationMs: 900 },
  seq: n,
});

/** What a sync must leave untouched when it fails. */
function snapshot(grill: Grill) {
  return {
    events: grill.eventCount(),
    cursor: syncStatus(grill).cursor,
    quarantined: syncStatus(grill).quarantined,
  };
}

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

describe('a sync server that sends malformed pages', () => {
  const bigBody = `{"events":[],"pad":"${'x'.repeat(MAX_PULL_RESPONSE_BYTES)}"}`;
  it.each<[string, unknown, RegExp]>([
    ['no progress with more = true', { ...emptyPage(), more: true }, /more is true with no events/],
    ['next missing', (({ next: _n, ...rest }) => rest)(emptyPage()), /next is required/],
    ['next negative', { ...emptyPage(), next: -1 }, /next must be an integer from 0/],
    ['next not a number', { ...emptyPage(), next: '5' }, /next must be an integer/],
    ['next ahead of the events', { ...emptyPage(), next: 7 }, /next must be 0/],
    ['events not an array', { ...emptyPage(), events: 'x' }, /events must be an array/],
    [
      'more events than asked for',
      { ...emptyPage(), events: Array.from({ length: 1001 }, (_, i) => review(i + 1)), next: 1001 },
      /events must have at most 1000 items/,
    ],
    ['no stream', (({ stream: _s, ...rest }) => rest)(emptyPage()), /stream is required/],
    ['a body that is not JSON', '<html>proxy error</html>', /not JSON/],
    ['a body over the size bound', bigBody, /larger than \d+ bytes/],
  ])('%s: one clear error, nothing stored, no loop', async (_name, page, message) => {
    const grill = machine();
    grill.answer('kinds/basic', 3, T0);
    const before = snapshot(grill);
    const server = await serve((request) => {
      if (request.method === 'POST')
        return { body: { accepted: 1, duplicates: 0, stream: 'fake:1', head: 1, headId: id(1) } };
      // The first page is fine; every later one is the malformed one.
      return request.url.searchParams.get('limit') === '1' && server.requests.length === 1
        ? { body: emptyPage() }
        : { body: page };
    });
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), T0));
    expect(error.message).toMatch(/^the sync server sent an invalid response: /);
    expect(error.message).toMatch(message);
    expect(error.code).toBe('bad-response');
    expect(server.requests.length).toBeLessThan(5);
    expect({ ...snapshot(grill), events: grill.eventCount() }).toMatchObject({
      events: before.events,
      quarantined: 0,
    });
    expect(syncStatus(grill).cursor).toBe(0);
  });

  it('events out of order or repeated are refused as a page (the cursor depends on them)', async () => {
    const grill = machine();
    const server = await serve((request) =>
      request.url.searchParams.get('limit') === '1'
        ? { body: emptyPage() }
        : { body: { ...emptyPage(), events: [review(2), review(1)], next: 1, head: 2 } },
    );
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), T0));
    expect(error.message).toMatch(/events\/1\/seq must be an integer above 2/);
    expect(grill.eventCount()).toBe(0);
  });
});

describe('a sync server that sends invalid events', () => {
  it('quarantines each invalid event, applies the ones after it, and keeps syncing', async () => {
    const grill = machine();
    const setting = (n: number, value: unknown) => ({
      id: id(n),
      cardKey: '@settings',
      type: 'setting',
      at: T0 + n * 60_000,
      deviceId: 'other',
      payload: {
        scope: '',
        key: 'retention',
        value,
        hlc: `${String(T0 + n).padStart(15, '0')}:000000:other`,
      },
      seq: n,
    });
    const { payload: _payload, ...noPayload } = review(6);
    const pages = [
      [
        review(1),
        review(2, 99),
        review(3),
        setting(4, 'abc'),
        { ...review(5), type: 'delete' },
        noPayload,
        review(7),
      ],
      [review(8), review(9, 'good')],
    ];
    let served = 1;
    const server = await serve((request) => {
      const after = Number(request.url.searchParams.get('after'));
      if (request.url.searchParams.get('limit') === '1')
        return { body: { ...emptyPage(after), head: after, anchor: after ? id(after) : null } };
      const events = pages
        .slice(0, served)
        .flat()
        .filter((e) => e.seq > after);
      const next = events.at(-1)?.seq ?? after;
      return {
        body: {
          events,
          next,
          more: false,
          stream: 'fake:1',
          head: next,
          anchor: after ? id(after) : null,
          serverTime: FAKE_NOW,
        },
      };
    });
    const http = new SyncHttpClient(server.url, 't');
    const first = await syncOnce(grill, http, T0 + 3_600_000);
    expect(first.quarantined).toEqual([
      `event ${id(2)}: payload/rating must be a rating from 1 (again) to 4 (easy)`,
      `event ${id(4)}: payload/value must be a number from 0.7 to 0.99`,
      `event ${id(5)}: type must be one of: review, undo, suspend, unsuspend, bury, setting, reschedule`,
      `event ${id(6)}: payload is required`,
    ]);
    expect(history(grill).map((h) => h.id)).toEqual([id(1), id(3), id(7)]);
    expect(grill.settings().retention).toBe(0.9);
    // The next commands work, and doctor reports what was set aside.
    expect(grill.state('kinds/basic').reps).toBe(3);
    const report = doctor(grill, false, T0);
    expect(report.invalid).toEqual([]);
    expect(report.quarantined.map((q) => q.origin)).toEqual(['pulled', 'pulled', 'pulled', 'pulled']);
    expect(report.mismatched).toEqual([]);
    // Later syncs go on from after them; an event already quarantined is not reported again.
    served = 2;
    const second = await syncOnce(grill, http, T0 + 7_200_000);
    expect(second.quarantined).toEqual([
      `event ${id(9)}: payload/rating must be a rating from 1 (again) to 4 (easy)`,
    ]);
    expect(second.pulled).toBe(1);
    expect(syncStatus(grill)).toMatchObject({ quarantined: 5, cursor: 9 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['rating 99', { payload: { rating: 99, durationMs: 0 } }, 'payload/rating must be a rating from 1'],
    [
      'rating "good"',
      { payload: { rating: 'good', durationMs: 0 } },
      'payload/rating must be a rating from 1',
    ],
    ['rating 0', { payload: { rating: 0, durationMs: 0 } }, 'payload/rating must be a rating from 1'],
    ['no payload', { payload: undefined }, 'payload is required'],
    ['an unknown type', { type: 'delete' }, 'type must be one of'],
    ['at = 8.7e15', { at: 8.7e15 }, 'at must be an integer from 0 to 253402300799999'],
    ['at as a string', { at: '1772442000000' }, 'at must be an integer'],
    ['an uppercase id', { id: id(0xabc).toUpperCase() }, 'id must match'],
    ['a lone surrogate in the card key', { cardKey: 'kinds/\ud800' }, 'cardKey must be well-formed Unicode'],
  ])('quarantines %s and applies the event after it', async (_name, change, problem) => {
    const grill = machine();
    const bad = JSON.parse(JSON.stringify({ ...review(1), id: id(0xabc), ...change }));
    bad.seq = 1;
    const server = await serve((request) => {
      const after = Number(request.url.searchParams.get('after'));
      const limit = Number(request.url.searchParams.get('limit'));
      const waiting = [bad, review(2)].filter((e) => e.seq > after);
      const events = waiting.slice(0, limit);
      const next = events.at(-1)?.seq ?? after;
      const anchor = after === 0 ? null : after === 1 ? bad.id : id(after);
      return {
        body: {
          events,
          next,
          more: waiting.length > limit,
          stream: 'fake:1',
          head: 2,
          anchor,
          serverTime: FAKE_NOW,
        },
      };
    });
    const result = await syncOnce(grill, new SyncHttpClient(server.url, 't'), T0 + 3_600_000);
    expect(result.quarantined).toHaveLength(1);
    expect(result.quarantined[0]).toContain(problem);
    expect(history(grill).map((h) => h.id)).toEqual([id(2)]);
  });

  it('sets aside an invalid event already in its own log instead of pushing it forever', async () => {
    const first = machine();
    first.answer('kinds/basic', 3, T0);
    first.close();
    // A value an older grill let in (made here, not yet synced), written as that version stored
    // it: it would break every command, and the server refuses it.
    const hlc = `${String(T0 + 1).padStart(15, '0')}:000000:old`;
    const db = new Database(path.join(first.home, 'grill.db'));
    db.prepare(
      `INSERT INTO events (id, card_key, type, at, device_id, payload, synced, local)
       VALUES (?, '@settings', 'setting', ?, 'old', ?, 0, 1)`,
    ).run(id(50), T0 + 1, JSON.stringify({ scope: '', key: 'retention', value: 'abc', hlc }));
    db.prepare(
      "INSERT OR REPLACE INTO settings (scope, key, value, hlc) VALUES ('', 'retention', '\"abc\"', ?)",
    ).run(hlc);
    db.close();
    const grill = Grill.open(first.home);
    open.push(grill);
    expect(doctor(grill, false, T0).invalid).toEqual([
      `event ${id(50)}: payload/value must be a number from 0.7 to 0.99`,
    ]);
    const pushed: unknown[] = [];
    const server = await serve((request) => {
      if (request.method === 'POST') {
        const { events } = JSON.parse(request.body) as { events: unknown[] };
        pushed.push(...events);
        return {
          body: {
            accepted: events.length,
            duplicates: 0,
            stream: 'fake:1',
            head: events.length,
            headId: null,
          },
        };
      }
      return { body: emptyPage(Number(request.url.searchParams.get('after'))) };
    });
    const result = await syncOnce(grill, new SyncHttpClient(server.url, 't'), T0 + 60_000);
    expect(result.quarantined).toHaveLength(1);
    expect(pushed.map((e) => (e as { id: string }).id)).not.toContain(id(50));
    expect(grill.settings().retention).toBe(0.9);
    expect(doctor(grill, false, T0)).toMatchObject({ invalid: [], mismatched: [] });
  });
});

describe('a sync server that misbehaves otherwise', () => {
  it('an old server (no protocol version) gets a clear "upgrade" error', async () => {
    const grill = machine();
    const server = await serve(() => ({
      headers: { 'grill-protocol': '' },
      body: { events: [], next: 0, more: false },
    }));
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), T0));
    expect(error.code).toBe('upgrade');
    expect(error.message).toMatch(/older sync protocol .* upgrade grill-server/);
  });

  it('a server error (5xx) is one line saying to try later', async () => {
    const grill = machine();
    const server = await serve(() => ({ status: 503, body: { error: 'maintenance' } }));
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), T0));
    expect([error.code, error.message]).toEqual([
      'server-error',
      `the sync server (or a proxy in front of it) answered 503 (maintenance): try again later; if it persists, its operator will find the cause in the server's log`,
    ]);
  });

  it('a server that never answers times out with one line', async () => {
    const grill = machine();
    const server = await serve(() => ({ hang: true }));
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't', 300), T0));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `the sync server at ${server.url} did not answer within 0.3 s: check the connection and sync again`,
    );
  });

  it('a redirect is never followed: the login does not reach the other host', async () => {
    const elsewhere = await serve(() => ({ body: { token: 'stolen', tokenId: 'x', username: 'ann' } }));
    const server = await serve(() => ({ status: 307, headers: { location: `${elsewhere.url}/v1/login` } }));
    const error = await failure(SyncHttpClient.login(server.url, 'ann', 'secret-password', 'laptop'));
    expect(error.code).toBe('redirect');
    expect(error.message).toContain(`redirect to ${elsewhere.url}/v1/login`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('keeps the path prefix of a server behind a reverse proxy', async () => {
    const server = await serve((request) => ({
      body: request.url.pathname === '/grill/v1/events' ? emptyPage() : {},
    }));
    const grill = machine();
    await syncOnce(grill, new SyncHttpClient(`${server.url}/grill/`, 't'), T0);
    expect(server.requests.map((r) => r.url.pathname)).toEqual(['/grill/v1/events', '/grill/v1/events']);
  });

  it('refused for a clock ahead: says by how much and keeps the answers unsynced', async () => {
    const grill = machine();
    grill.answer('kinds/basic', 3, T0);
    const server = await serve((request) =>
      request.method === 'POST'
        ? {
            status: 422,
            body: { error: 'ahead', code: 'clock-ahead', serverTime: T0 - 2 * 3_600_000, index: 0 },
          }
        : { body: emptyPage() },
    );
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), T0));
    expect([error.code, error.message]).toEqual([
      'clock-ahead',
      "this machine's clock is 2 h 0 min ahead of the sync server's — fix it and sync again (your answers are kept here, unsynced)",
    ]);
    expect(syncStatus(grill).unsynced).toBe(1);
  });
  it('sets aside a pulled event stamped far ahead of the server’s clock, so later answers still sync', async () => {
    const grill = machine();
    const future = { ...review(1), at: FAKE_NOW + 86_400_000 };
    const hlc = `${String(FAKE_NOW + 86_400_000).padStart(15, '0')}:000000:other`;
    const setting = {
      ...review(2),
      cardKey: '@settings',
      type: 'setting',
      at: FAKE_NOW,
      payload: { scope: '', key: 'retention', value: 0.8, hlc },
    };
    const pushed: { at: number }[] = [];
    const server = await serve((request) => {
      if (request.method === 'POST') {
        const { events } = JSON.parse(request.body) as { events: { at: number }[] };
        pushed.push(...events);
        return {
          body: {
            accepted: events.length,
            duplicates: 0,
            stream: 'fake:1',
            head: 2 + pushed.length,
            headId: null,
          },
        };
      }
      const after = Number(request.url.searchParams.get('after'));
      const events = [future, setting]
        .filter((e) => e.seq > after)
        .slice(0, Number(request.url.searchParams.get('limit')));
      const next = events.at(-1)?.seq ?? after;
      return {
        body: {
          events,
          next,
          more: next < 2,
          stream: 'fake:1',
          head: 2,
          anchor: after ? id(after) : null,
          serverTime: FAKE_NOW,
        },
      };
    });
    const http = new SyncHttpClient(server.url, 't');
    const first = await syncOnce(grill, http, FAKE_NOW);
    expect(first.quarantined).toEqual([
      `event ${id(1)}: at is 24 h 0 min ahead of the server's clock`,
      `event ${id(2)}: payload/hlc is 24 h 0 min ahead of the server's clock`,
    ]);
    // The card's next answer and the next settings change carry this machine's time, and sync.
    grill.answer('kinds/basic', 3, FAKE_NOW + 60_000);
    grill.setSetting('retention', 0.85, FAKE_NOW + 60_000);
    await syncOnce(grill, http, FAKE_NOW + 120_000);
    expect(pushed.length).toBeGreaterThan(0);
    for (const e of pushed) expect(e.at).toBeLessThanOrEqual(FAKE_NOW + 60_000);
    expect(grill.settings().retention).toBe(0.85);
  });

  it('splits a push so no request body passes what a server accepts', async () => {
    const grill = machine();
    // Long typed answers (a paste, say): a thousand of them would be megabytes.
    for (let i = 0; i < 600; i++)
      grill.answer('kinds/typed', 3, T0 + i * 60_000, {
        detail: { typed: 'x'.repeat(5000), correct: false },
      });
    const sizes: number[] = [];
    let stored = 0;
    const server = await serve((request) => {
      if (request.method === 'POST') {
        sizes.push(Buffer.byteLength(request.body));
        const n = (JSON.parse(request.body) as { events: unknown[] }).events.length;
        stored += n;
        return { body: { accepted: n, duplicates: 0, stream: 'fake:1', head: stored, headId: null } };
      }
      return { body: emptyPage(Number(request.url.searchParams.get('after'))) };
    });
    const result = await syncOnce(grill, new SyncHttpClient(server.url, 't'), T0 + 3_600_000);
    expect(result.pushed).toBe(grill.eventCount());
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(MAX_PUSH_BODY_BYTES);
  });

  it('keeps a pulled event too deeply nested to store whole, without crashing', async () => {
    const grill = machine();
    const depth = 200_000;
    const event = JSON.stringify({ ...review(1), extra: 0 }).replace(
      '"extra":0',
      `"extra":${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    const page = `{"events":[${event}],"next":1,"more":false,"stream":"fake:1","head":1,"anchor":null,"serverTime":${FAKE_NOW}}`;
    const server = await serve(() => ({ body: page }));
    const result = await syncOnce(grill, new SyncHttpClient(server.url, 't'), T0);
    expect(result.quarantined).toEqual([`event ${id(1)}: extra is not an accepted field`]);
    expect(grill.quarantined()[0]?.event).toContain('too deeply nested');
  });

  it('answers made while the clock was ahead: says when the server takes them, not to fix a clock that is right', async () => {
    const grill = machine();
    grill.answer('kinds/basic', 3, FAKE_NOW + 10 * 60_000);
    const server = await serve((request) =>
      request.method === 'POST'
        ? { status: 422, body: { error: 'ahead', code: 'clock-ahead', serverTime: FAKE_NOW, index: 0 } }
        : { body: emptyPage() },
    );
    const error = await failure(syncOnce(grill, new SyncHttpClient(server.url, 't'), FAKE_NOW));
    expect([error.code, error.message]).toEqual([
      'clock-ahead',
      "answers made while this machine's clock was ahead are stamped 10 min ahead of the sync server's clock; they are kept here, unsynced, and the server takes them from 2026-03-02 12:05 UTC: sync again then",
    ]);
  });
});
