import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildAppOptions } from '../app.js';
import { describeEachBackend } from '../test-support/backends.js';
import { addUser, type Harness, makeHarness, PASSWORD } from '../test-support/helpers.js';

const WRONG = 'not the password';

describeEachBackend('login and sign-up limits', (backend) => {
  let h: Harness;
  let now: number;
  afterEach(() => h.close());

  async function start(options: Partial<BuildAppOptions> = {}): Promise<Harness> {
    now = 1_000_000;
    h = await makeHarness({ now: () => now, ...options }, backend);
    return h;
  }

  const attempt = (remoteAddress: string, username: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/login',
      remoteAddress,
      payload: { username, password, device: 'laptop' },
    });
  const status = async (remoteAddress: string, username: string, password: string) =>
    (await attempt(remoteAddress, username, password)).statusCode;

  describe('per address', () => {
    it('refuses an address after its failures (429, retry-after, when to retry); others go on', async () => {
      await start({ loginRateLimit: { max: 3, timeWindow: 60_000 } });
      await addUser(h.store, 'ann');
      // Different names, so no account backs off: only the address limit is at work.
      for (const name of ['ann', 'bob', 'cy']) expect(await status('127.0.0.2', name, WRONG)).toBe(401);
      const limited = await attempt('127.0.0.2', 'ann', PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({
        error: 'too many failed logins from this address; retry in 60 seconds',
        code: 'address-rate-limited',
      });
      expect(limited.headers['retry-after']).toBe('60');
      expect(await status('127.0.0.3', 'ann', PASSWORD)).toBe(200);
      now += 45_000;
      expect((await attempt('127.0.0.2', 'ann', PASSWORD)).headers['retry-after']).toBe('15');
      now += 15_000;
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
    });

    it('never counts successful logins', async () => {
      await start({ loginRateLimit: { max: 3, timeWindow: 60_000 } });
      await addUser(h.store, 'ann');
      expect(await status('127.0.0.2', 'bob', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'cy', WRONG)).toBe(401);
      for (let i = 0; i < 20; i++) expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
      // Two failures so far: one more is allowed, then the address is refused.
      expect(await status('127.0.0.2', 'dee', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(429);
    });

    it('defaults to 10 failures per 15 minutes', async () => {
      await start();
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push(await status('127.0.0.2', `nobody${i}`, WRONG));
      expect(codes).toEqual([...Array(10).fill(401), 429]);
      now += 15 * 60_000 - 1;
      expect(await status('127.0.0.2', 'nobody', WRONG)).toBe(429);
      now += 1;
      expect(await status('127.0.0.2', 'nobody', WRONG)).toBe(401);
    });

    it('counts guesses sent in parallel before any of them is answered', async () => {
      await start({ loginRateLimit: { max: 3, timeWindow: 60_000 } });
      await addUser(h.store, 'ann');
      const names = Array.from({ length: 10 }, (_, i) => `user${i}`);
      const codes = await Promise.all(names.map((name) => status('127.0.0.2', name, WRONG)));
      expect(codes.filter((c) => c === 401)).toHaveLength(3);
      expect(codes.filter((c) => c === 429)).toHaveLength(7);
    });

    it('takes the address from X-Forwarded-For only with trustProxy', async () => {
      const viaProxy = (forwardedFor: string) =>
        h.app
          .inject({
            method: 'POST',
            url: '/v1/login',
            remoteAddress: '127.0.0.9',
            headers: { 'x-forwarded-for': forwardedFor },
            payload: { username: 'nobody', password: WRONG, device: 'laptop' },
          })
          .then((r) => r.statusCode);
      const limits: Partial<BuildAppOptions> = {
        loginRateLimit: { max: 2, timeWindow: 60_000 },
        accountBackoff: { afterFailures: 100, initialDelayMs: 1_000, maxDelayMs: 1_000 },
      };
      await start({ ...limits, trustProxy: true });
      expect([await viaProxy('10.0.0.1'), await viaProxy('10.0.0.1'), await viaProxy('10.0.0.1')]).toEqual([
        401, 401, 429,
      ]);
      expect(await viaProxy('10.0.0.2')).toBe(401);
      // Entries left of the one the proxy appended are the client's own words: never believed.
      expect([await viaProxy('10.9.9.1, 10.0.0.1'), await viaProxy('10.9.9.2, 10.0.0.1')]).toEqual([
        429, 429,
      ]);
      await h.close();

      // Without it, a client cannot pick the address it is counted under.
      await start(limits);
      expect([await viaProxy('10.0.0.1'), await viaProxy('10.0.0.2'), await viaProxy('10.0.0.3')]).toEqual([
        401, 401, 429,
      ]);
    });
  });

  describe('per account', () => {
    const backoff: Partial<BuildAppOptions> = {
      loginRateLimit: { max: 1000, timeWindow: 60_000 },
      accountBackoff: { afterFailures: 3, initialDelayMs: 1_000, maxDelayMs: 8_000 },
    };

    it('backs off after consecutive failures, doubling up to the cap, whatever address fails', async () => {
      await start(backoff);
      await addUser(h.store, 'ann');
      expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.3', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.4', 'ann', WRONG)).toBe(401);
      // Three failures: 1 s for every address that failed, whichever one it was.
      for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
        const refused = await attempt(address, 'ann', PASSWORD);
        expect(refused.statusCode).toBe(429);
        expect(refused.json()).toEqual({
          error: 'too many failed logins for this account from this address; retry in 1 second',
          code: 'account-backoff',
        });
        expect(refused.headers['retry-after']).toBe('1');
      }
      // Each new address gets one guess, and each wrong guess doubles the backoff, to the cap.
      const waits: string[] = [];
      for (const address of ['127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8']) {
        expect(await status(address, 'ann', WRONG)).toBe(401);
        expect(await status(address, 'ann', WRONG)).toBe(429);
        waits.push(String((await attempt('127.0.0.2', 'ann', PASSWORD)).headers['retry-after']));
      }
      expect(waits).toEqual(['2', '4', '8', '8']);
      now += 8_000;
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
    });

    it('lets the right password in from an address that has not failed, and that ends the backoff', async () => {
      await start(backoff);
      await addUser(h.store, 'ann');
      for (let i = 0; i < 3; i++) expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(429);
      expect(await status('127.0.0.3', 'ann', PASSWORD)).toBe(200);
      // The success cleared the account's failures: the address that failed is let in again...
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
      // ...and a new run of failures starts from nothing.
      expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
    });

    it('backs off one account whatever the case of the name, and unknown names alike', async () => {
      await start(backoff);
      await addUser(h.store, 'ann');
      expect(await status('127.0.0.2', 'Ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ANN', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'aNN', PASSWORD)).toBe(429);
      // An unknown name backs off the same way: a 429 does not tell that an account exists.
      for (let i = 0; i < 3; i++) expect(await status('127.0.0.2', 'nobody', WRONG)).toBe(401);
      expect((await attempt('127.0.0.2', 'nobody', PASSWORD)).json()).toMatchObject({
        code: 'account-backoff',
      });
      // Other accounts are not affected.
      await addUser(h.store, 'bob');
      expect(await status('127.0.0.2', 'bob', PASSWORD)).toBe(200);
    });

    it('has defaults: the 5th consecutive failure starts a 1-second backoff', async () => {
      await start({ loginRateLimit: { max: 1000, timeWindow: 60_000 } });
      await addUser(h.store, 'ann');
      for (let i = 0; i < 4; i++) expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
      for (let i = 0; i < 5; i++) expect(await status('127.0.0.2', 'ann', WRONG)).toBe(401);
      expect((await attempt('127.0.0.2', 'ann', PASSWORD)).headers['retry-after']).toBe('1');
      now += 1_000;
      expect(await status('127.0.0.2', 'ann', PASSWORD)).toBe(200);
    });
  });

  describe('sign-up', () => {
    const register = (remoteAddress: string, username: string) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/accounts',
        remoteAddress,
        payload: { username, password: PASSWORD },
      });

    it('limits sign-up attempts per address, taken names included', async () => {
      await start({ openRegistration: true, registrationRateLimit: { max: 2, timeWindow: 3_600_000 } });
      expect((await register('127.0.0.2', 'ann')).statusCode).toBe(201);
      expect((await register('127.0.0.2', 'ann')).statusCode).toBe(409);
      const limited = await register('127.0.0.2', 'bob');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({
        error: 'too many sign-ups from this address; retry in 60 minutes',
        code: 'registration-rate-limited',
      });
      expect(limited.headers['retry-after']).toBe('3600');
      expect(await h.store.findUserByName('bob')).toBeUndefined();
      expect((await register('127.0.0.3', 'bob')).statusCode).toBe(201);
      now += 3_600_000;
      expect((await register('127.0.0.2', 'cy')).statusCode).toBe(201);
    });

    it('defaults to 5 an hour', async () => {
      await start({ openRegistration: true });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await register('127.0.0.2', `user${i}`)).statusCode);
      expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    });
  });

  it('holds over a real socket, from clients bound to 127.0.0.2 and 127.0.0.3', async () => {
    await start({
      loginRateLimit: { max: 4, timeWindow: 60_000 },
      accountBackoff: { afterFailures: 3, initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await addUser(h.store, 'ann');
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = h.app.server.address() as AddressInfo;
    const post = (localAddress: string, username: string, password: string) =>
      new Promise<{ status: number; body: { code?: string } }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            localAddress,
            method: 'POST',
            path: '/v1/login',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username, password, device: 'laptop' }));
      });

    // 127.0.0.2 runs the account into its backoff.
    for (let i = 0; i < 3; i++) expect((await post('127.0.0.2', 'ann', WRONG)).status).toBe(401);
    expect(await post('127.0.0.2', 'ann', PASSWORD)).toEqual({
      status: 429,
      body: expect.objectContaining({ code: 'account-backoff' }),
    });
    // 127.0.0.3 has not failed: its right password gets in despite the backoff.
    expect((await post('127.0.0.3', 'ann', PASSWORD)).status).toBe(200);
    // 127.0.0.2 then hits its own address limit (4 failures); 127.0.0.3 does not.
    expect((await post('127.0.0.2', 'bob', WRONG)).status).toBe(401);
    expect(await post('127.0.0.2', 'ann', PASSWORD)).toEqual({
      status: 429,
      body: expect.objectContaining({ code: 'address-rate-limited' }),
    });
    expect((await post('127.0.0.3', 'ann', PASSWORD)).status).toBe(200);
  });
});
