import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { addUser, bearer, event, type Harness, login, makeHarness } from '../test-support/helpers.js';

describeEachBackend('tokens and bearer auth', (backend) => {
  let h: Harness;
  let now: number;
  beforeEach(async () => {
    now = 1_000;
    h = await makeHarness({ now: () => now }, backend);
  });
  afterEach(() => h.close());

  const listTokens = (token: string) =>
    h.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(token) });

  it("lists the caller's live tokens, marks the current one and records last use", async () => {
    await addUser(h.store, 'ann');
    await addUser(h.store, 'bob');
    const laptop = await login(h.app, 'ann', 'laptop');
    now = 2_000;
    const phone = await login(h.app, 'ann', 'phone');
    await login(h.app, 'bob', 'bobs-box');
    now = 3_000;
    const response = await listTokens(phone);
    expect(response.statusCode).toBe(200);
    const list = response.json() as Array<{ id: string; device: string; current: boolean }>;
    expect(list).toEqual([
      {
        id: expect.any(String),
        device: 'laptop',
        createdAt: 1_000,
        lastUsedAt: null,
        expiresAt: null,
        current: false,
      },
      {
        id: expect.any(String),
        device: 'phone',
        createdAt: 2_000,
        lastUsedAt: 3_000,
        expiresAt: null,
        current: true,
      },
    ]);
    now = 4_000;
    const fromLaptop = (await listTokens(laptop).then((r) => r.json())) as Array<{ lastUsedAt: number }>;
    expect(fromLaptop.map((t) => t.lastUsedAt)).toEqual([4_000, 3_000]);
  });

  it('revokes a token (204); the revoked token then gets 401', async () => {
    await addUser(h.store, 'ann');
    const laptop = await login(h.app, 'ann', 'laptop');
    const phone = await login(h.app, 'ann', 'phone');
    const currentId = async (token: string) =>
      ((await listTokens(token).then((r) => r.json())) as Array<{ id: string; current: boolean }>).find(
        (t) => t.current,
      )?.id;
    const phoneId = await currentId(phone);
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${phoneId}`,
      headers: bearer(laptop),
    });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    const denied = await listTokens(phone);
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toMatchObject({ error: 'invalid or revoked token; log in again' });
    expect(denied.headers['www-authenticate']).toBe('Bearer');
    const push = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: bearer(phone),
      payload: { events: [event(1)] },
    });
    expect(push.statusCode).toBe(401);
    expect((await listTokens(laptop)).json()).toHaveLength(1);
    const again = await h.app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${phoneId}`,
      headers: bearer(laptop),
    });
    expect(again.statusCode).toBe(404);
  });

  it("cannot revoke another user's token (404) and that token keeps working", async () => {
    await addUser(h.store, 'ann');
    await addUser(h.store, 'bob');
    const ann = await login(h.app, 'ann');
    const bob = await login(h.app, 'bob');
    const [{ id: bobId }] = (await listTokens(bob).then((r) => r.json())) as [{ id: string }];
    const response = await h.app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${bobId}`,
      headers: bearer(ann),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatch(/no live token/);
    expect((await listTokens(bob)).statusCode).toBe(200);
  });

  it('answers a missing, malformed or unknown token with 401 on every protected route', async () => {
    await addUser(h.store, 'ann');
    const token = await login(h.app, 'ann');
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: token },
      { authorization: `Basic ${token}` },
      { authorization: 'Bearer ' },
      { authorization: `Bearer ${token}x` },
      { authorization: `Bearer ${'A'.repeat(43)}` },
    ];
    for (const headers of cases) {
      for (const [method, url] of [
        ['GET', '/v1/tokens'],
        ['DELETE', '/v1/tokens/abc'],
        ['GET', '/v1/events'],
        ['POST', '/v1/events'],
      ] as const) {
        const response = await h.app.inject({ method, url, headers, payload: { events: [event(1)] } });
        expect(response.statusCode, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.json().error).toMatch(/token/);
      }
    }
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/events', headers: bearer(token) })).statusCode,
    ).toBe(200);
  });
});
