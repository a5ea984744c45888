import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { type Harness, makeHarness } from '../test-support/helpers.js';
import { SERVER_VERSION } from '../version.js';

describeEachBackend('GET /v1/health, the not-found handler and /docs', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({}, backend);
  });
  afterEach(() => h.close());

  it('answers ok with the version and a reachable database, without auth', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: SERVER_VERSION, database: 'ok' });
    expect(SERVER_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers 503 while the database cannot be reached', async () => {
    await backend.cutOff();
    const response = await h.app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      version: SERVER_VERSION,
      database: 'unreachable',
    });
  });

  it('answers unknown routes with a 404 {error}', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v2/nothing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'no route for GET /v2/nothing' });
  });

  it('serves an OpenAPI document listing every /v1 route, and the UI', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/accounts',
      '/v1/events',
      '/v1/health',
      '/v1/login',
      '/v1/tokens',
      '/v1/tokens/{id}',
    ]);
    expect(Object.keys(doc.paths['/v1/events'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/tokens/{id}'] ?? {})).toEqual(['delete']);
    const ui = await h.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
