import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { SqliteStore } from '../sqlite-store.js';
import { bearer, FAST_SCRYPT, type Harness, makeHarness, userWithToken } from '../test-support/helpers.js';

describe('the error handler', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers a 500 with no internals and logs the real error', async () => {
    h = await makeHarness();
    const token = await userWithToken(h, 'ann');
    const logs: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        logs.push(String(chunk));
        callback();
      },
    });
    // A store that fails the way a broken disk would, around the real one.
    const broken = Object.create(h.store) as SqliteStore;
    broken.pullEvents = async () => {
      throw new Error('SQLITE_IOERR at /secret/path/server.db');
    };
    const app = buildApp({ store: broken, scryptCost: FAST_SCRYPT, logger: { level: 'error', stream } });
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/events', headers: bearer(token) });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ error: 'internal error' });
      expect(response.body).not.toContain('secret');
      expect(logs.join('')).toContain('SQLITE_IOERR at /secret/path/server.db');
    } finally {
      await app.close();
    }
  });
});
