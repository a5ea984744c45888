import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { type Harness, makeHarness, PASSWORD } from '../test-support/helpers.js';

describeEachBackend('POST /v1/accounts', (backend) => {
  let h: Harness;
  afterEach(() => h.close());

  it('is refused with 403 while registration is closed (the default), whatever the body', async () => {
    h = await makeHarness({}, backend);
    for (const payload of [{ username: 'ann', password: PASSWORD }, { nonsense: true }]) {
      const response = await h.app.inject({ method: 'POST', url: '/v1/accounts', payload });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatch(/registration is closed/);
    }
    expect(await h.store.findUserByName('ann')).toBeUndefined();
  });

  it('creates an account when open (201), then the user can log in; a taken name is 409', async () => {
    h = await makeHarness({ openRegistration: true }, backend);
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      payload: { username: 'ann.b_c-1', password: PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ username: 'ann.b_c-1' });
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      payload: { username: 'ann.b_c-1', password: 'another password' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: "username 'ann.b_c-1' is already taken" });
    const login = await h.app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username: 'ann.b_c-1', password: PASSWORD, device: 'laptop' },
    });
    expect(login.statusCode).toBe(200);
  });

  it.each([
    [{ username: 'has space', password: PASSWORD }, /^body\/username must be 1-64 characters/],
    [{ username: 'x'.repeat(65), password: PASSWORD }, /^body\/username must be 1-64 characters/],
    [{ username: '', password: PASSWORD }, /^body\/username must be 1-64 characters/],
    [{ username: 'ann', password: 'short' }, /^body\/password must NOT have fewer than 8 characters$/],
    [{ username: 'ann' }, /^body\/password is required$/],
    [{ username: 'ann', password: PASSWORD, admin: true }, /^body\/admin is not an accepted field$/],
    [{ username: 42, password: PASSWORD }, /^body\/username must be string$/],
  ])('rejects %j with a message naming the field', async (payload, message) => {
    h = await makeHarness({ openRegistration: true }, backend);
    const response = await h.app.inject({ method: 'POST', url: '/v1/accounts', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(message);
  });
});
