import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { addUser, bearer, type Harness, makeHarness, PASSWORD } from '../test-support/helpers.js';
import { hashToken } from '../tokens.js';

describeEachBackend('POST /v1/login', (backend) => {
  let h: Harness;
  afterEach(() => h.close());

  const attempt = (username: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/v1/login', payload: { username, password, device: 'laptop' } });

  it('issues a base64url token (32 bytes) that authenticates, stored only as a hash', async () => {
    h = await makeHarness({}, backend);
    await addUser(h.store, 'ann');
    const response = await attempt('ann', PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { token: string; tokenId: string; username: string };
    expect(body.username).toBe('ann');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    const tokens = await h.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(body.token) });
    expect(tokens.statusCode).toBe(200);
    expect(tokens.json()).toEqual([
      expect.objectContaining({ id: body.tokenId, device: 'laptop', current: true }),
    ]);
    // The database holds the token's SHA-256, never the token.
    const stored = await backend.storedText();
    expect(stored.includes(body.token)).toBe(false);
    expect(stored.includes(hashToken(body.token))).toBe(true);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    h = await makeHarness({}, backend);
    await addUser(h.store, 'ann');
    const wrong = await attempt('ann', 'not the password');
    const unknown = await attempt('nobody', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toMatchObject({ error: 'invalid username or password' });
  });

  it('names the missing or mistyped field', async () => {
    h = await makeHarness({}, backend);
    const missing = await h.app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username: 'ann', password: PASSWORD },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'body/device is required' });
    const typed = await h.app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username: 'ann', password: 12345678, device: 'x' },
    });
    expect(typed.json()).toMatchObject({ error: 'body/password must be string' });
  });
});
