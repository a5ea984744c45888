import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, bearer, type Harness, login, makeHarness, PASSWORD } from '../test-support/helpers.js';
import { DOCS_CSP } from './docs.js';

describe('security headers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('sends nosniff on every response, and no-store on every /v1 one (a login carries a token)', async () => {
    await addUser(h.store, 'ann');
    const token = await login(h.app, 'ann');
    const responses = {
      login: await h.app.inject({
        method: 'POST',
        url: '/v1/login',
        payload: { username: 'ann', password: PASSWORD, device: 'phone' },
      }),
      failedLogin: await h.app.inject({
        method: 'POST',
        url: '/v1/login',
        payload: { username: 'ann', password: 'wrong password', device: 'phone' },
      }),
      tokens: await h.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(token) }),
      health: await h.app.inject({ method: 'GET', url: '/v1/health' }),
      badBody: await h.app.inject({
        method: 'POST',
        url: '/v1/login',
        payload: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      unknownV1: await h.app.inject({ method: 'GET', url: '/v1/nothing' }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      expect(response.headers['cache-control'], name).toBe('no-store');
    }
    expect(responses.login.statusCode).toBe(200);
    for (const url of ['/nothing', '/docs', '/docs/json']) {
      const response = await h.app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('puts a Content-Security-Policy on /docs that the page (only same-origin files) works under', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(DOCS_CSP).toContain("script-src 'self'");
    expect(DOCS_CSP).not.toContain('unsafe-');
    expect(DOCS_CSP).not.toContain('upgrade-insecure-requests');
    // No inline script or style the policy would block: every script and stylesheet is a file here.
    const html = page.body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/docs\/static\//);
      const response = await h.app.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers['content-security-policy'], asset).toBe(DOCS_CSP);
    }
    // The page fetches the document from this origin, which connect-src 'self' allows.
    const init = await h.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.body).toContain("resolveUrl('./json')");
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/health' })).headers['content-security-policy'],
    ).toBeUndefined();
  });
});
