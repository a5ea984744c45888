import { afterEach, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { addUser, bearer, type Harness, makeHarness, PASSWORD } from '../test-support/helpers.js';

interface Login {
  token: string;
  tokenId: string;
}

describeEachBackend('token renewal and lifetime', (backend) => {
  let h: Harness;
  let now: number;
  afterEach(() => h.close());

  async function start(tokenLifetimeMs?: number): Promise<void> {
    now = 1_000_000;
    h = await makeHarness({ now: () => now, tokenLifetimeMs }, backend);
  }

  async function login(username: string, device: string, replaces?: string): Promise<Login> {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username, password: PASSWORD, device, ...(replaces === undefined ? {} : { replaces }) },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as Login;
  }
  const listTokens = (token: string) =>
    h.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(token) });

  describe('a re-login that names the token it replaces', () => {
    it('revokes that token once the new one is issued', async () => {
      await start();
      await addUser(h.store, 'ann');
      const first = await login('ann', 'laptop');
      now += 1;
      const phone = await login('ann', 'phone');
      now += 1;
      const second = await login('ann', 'laptop', first.tokenId);
      const denied = await listTokens(first.token);
      expect(denied.statusCode).toBe(401);
      expect(denied.json().code).toBe('bad-token');
      const list = (await listTokens(second.token)).json() as Array<{ id: string }>;
      expect(list.map((t) => t.id)).toEqual([phone.tokenId, second.tokenId]);
    });

    it("ignores another user's token id, and an unknown one", async () => {
      await start();
      await addUser(h.store, 'ann');
      await addUser(h.store, 'bob');
      const bob = await login('bob', 'bobs-box');
      const ann = await login('ann', 'laptop', bob.tokenId);
      await login('ann', 'phone', 'no-such-token');
      expect((await listTokens(bob.token)).statusCode).toBe(200);
      expect((await listTokens(ann.token)).json()).toHaveLength(2);
    });
  });

  describe('with a token lifetime', () => {
    it('shows when each token expires, and refuses it from then on with token-expired', async () => {
      await start(10_000);
      await addUser(h.store, 'ann');
      const laptop = await login('ann', 'laptop');
      now += 4_000;
      const phone = await login('ann', 'phone');
      const list = (await listTokens(phone.token)).json() as Array<{
        device: string;
        expiresAt: number | null;
      }>;
      expect(list.map((t) => [t.device, t.expiresAt])).toEqual([
        ['laptop', 1_010_000],
        ['phone', 1_014_000],
      ]);
      now = 1_009_999;
      expect((await listTokens(laptop.token)).statusCode).toBe(200);
      now = 1_010_000;
      const expired = await listTokens(laptop.token);
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual({ error: 'token expired; log in again', code: 'token-expired' });
      expect(expired.headers['www-authenticate']).toBe('Bearer');
      // The expired token is no longer listed; a revoked one is not called expired.
      expect(((await listTokens(phone.token)).json() as unknown[]).length).toBe(1);
      const renewed = await login('ann', 'laptop', laptop.tokenId);
      expect((await listTokens(renewed.token)).statusCode).toBe(200);
      now = 1_014_000;
      expect((await listTokens(phone.token)).json().code).toBe('token-expired');
    });

    it('has none by default: expiresAt is null and tokens keep working', async () => {
      await start();
      await addUser(h.store, 'ann');
      const laptop = await login('ann', 'laptop');
      now += 10 * 365 * 24 * 3_600_000;
      const list = await listTokens(laptop.token);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual([expect.objectContaining({ expiresAt: null })]);
    });
  });
});
