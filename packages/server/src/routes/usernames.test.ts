import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { addUser, type Harness, makeHarness, PASSWORD } from '../test-support/helpers.js';

describeEachBackend('usernames are case-insensitive', (backend) => {
  let h: Harness;
  afterEach(() => h.close());

  const login = (username: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/login',
      payload: { username, password: PASSWORD, device: 'laptop' },
    });
  const register = (username: string) =>
    h.app.inject({ method: 'POST', url: '/v1/accounts', payload: { username, password: PASSWORD } });

  it('logs in whatever the case typed, answering with the name as registered', async () => {
    h = await makeHarness({}, backend);
    await addUser(h.store, 'Alice');
    for (const typed of ['Alice', 'alice', 'ALICE', 'aLiCe']) {
      const response = await login(typed);
      expect(response.statusCode, typed).toBe(200);
      expect(response.json().username).toBe('Alice');
    }
  });

  it('refuses a name that differs from a taken one only in case (409), over HTTP and from the CLI path', async () => {
    h = await makeHarness({ openRegistration: true }, backend);
    expect((await register('alice')).statusCode).toBe(201);
    const clash = await register('Alice');
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toEqual({ error: "username 'Alice' is already taken", code: 'username-taken' });
    await expect(addUser(h.store, 'ALICE')).rejects.toThrow("username 'ALICE' is already taken");
    expect((await login('ALICE')).json().username).toBe('alice');
  });
});
