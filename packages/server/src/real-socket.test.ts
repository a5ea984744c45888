import type { AddressInfo } from 'node:net';
import type { PulledEvent, WireEvent } from '@grill/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from './test-support/backends.js';
import { addUser, bearer, event, type Harness, makeHarness, PASSWORD } from './test-support/helpers.js';

/** The app on a real socket (port 0), driven with fetch as the grill client does. */
describeEachBackend('grill-server over a real socket', (backend) => {
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    h = await makeHarness({ loginRateLimit: { max: 100, timeWindow: 60_000 } }, backend);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    await addUser(h.store, 'ann');
    await addUser(h.store, 'bob');
  });
  afterAll(() => h.close());

  async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<[number, T]> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? bearer(token) : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return [response.status, (text ? JSON.parse(text) : undefined) as T];
  }

  async function login(username: string, device: string): Promise<string> {
    const [status, body] = await call<{ token: string }>('POST', '/v1/login', undefined, {
      username,
      password: PASSWORD,
      device,
    });
    expect(status).toBe(200);
    return body.token;
  }

  async function pullAll(token: string): Promise<PulledEvent[]> {
    const all: PulledEvent[] = [];
    let after = 0;
    for (;;) {
      const [status, page] = await call<{ events: PulledEvent[]; next: number; more: boolean }>(
        'GET',
        `/v1/events?after=${after}&limit=37`,
        token,
      );
      expect(status).toBe(200);
      all.push(...page.events);
      after = page.next;
      if (!page.more) return all;
    }
  }

  it('answers health and 401 over HTTP', async () => {
    expect(await call('GET', '/v1/health')).toEqual([
      200,
      { status: 'ok', version: expect.any(String), database: 'ok' },
    ]);
    expect(await call('GET', '/v1/events', 'nonsense')).toEqual([
      401,
      { error: expect.any(String), code: expect.any(String) },
    ]);
  });

  it('hands out gap-free seqs per user under concurrent pushes from several clients', async () => {
    const clients = await Promise.all(
      Array.from({ length: 10 }, (_, c) =>
        login(c % 2 ? 'bob' : 'ann', `device-${c}`).then((token) => ({ c, token })),
      ),
    );
    // Each client pushes three batches of 20 new events and resends its first batch, all at once.
    const batchOf = (c: number, b: number): WireEvent[] =>
      Array.from({ length: 20 }, (_, i) => event(c * 1000 + b * 100 + i, { deviceId: `device-${c}` }));
    const pushes = clients.flatMap(({ c, token }) =>
      [0, 1, 2, 0].map((b) =>
        call<{ accepted: number; duplicates: number }>('POST', '/v1/events', token, {
          events: batchOf(c, b),
        }),
      ),
    );
    const results = await Promise.all(pushes);
    for (const [status] of results) expect(status).toBe(200);
    const accepted = results.reduce((sum, [, r]) => sum + r.accepted, 0);
    const duplicates = results.reduce((sum, [, r]) => sum + r.duplicates, 0);
    expect(accepted).toBe(10 * 3 * 20);
    expect(duplicates).toBe(10 * 20);

    for (const [user, parity] of [
      ['ann', 0],
      ['bob', 1],
    ] as const) {
      const token = clients.find((client) => client.c % 2 === parity)?.token ?? '';
      const pulled = await pullAll(token);
      expect(
        pulled.map((e) => e.seq),
        user,
      ).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      const expectedIds = clients
        .filter(({ c }) => c % 2 === parity)
        .flatMap(({ c }) => [0, 1, 2].flatMap((b) => batchOf(c, b).map((e) => e.id)));
      expect(new Set(pulled.map((e) => e.id))).toEqual(new Set(expectedIds));
      expect(pulled.every((e) => Number(e.deviceId.slice('device-'.length)) % 2 === parity)).toBe(true);
    }
  });
});
