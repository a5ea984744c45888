import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { grill, runGrillAsync, tempDir } from '../test-support/run-grill.js';
import { startSyncServer } from '../test-support/sync-server.js';

let server: Awaited<ReturnType<typeof startSyncServer>>;
beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(async () => {
  await server?.close();
});

const NOW = '2026-03-02T09:00:00Z';

/** The URL of a loopback port nothing listens on. */
async function closedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/**
 * A `grill` on its own machine: its own GRILL_HOME, the same deck folder. Its commands run in this
 * process, or on the binary for a machine whose drill runs too (one build per database).
 */
function machine(content: string, { binary = false } = {}) {
  const home = tempDir('grill-machine-');
  const runner = binary ? runGrillAsync : grill;
  return {
    home,
    run: (args: string[], input = '', now = NOW) =>
      runner(args, { home, now, input, env: { GRILL_CONTENT: content } }),
  };
}

describe('grill login, sync and logout (real server)', () => {
  it('syncs two machines through the server, with the token kept private', async () => {
    const user = await server.newUser();
    const content = deckDir();
    const laptop = machine(content);
    const desktop = machine(content);

    expect((await laptop.run(['sync'])).stderr).toBe(
      'grill: not logged in to a sync server: run grill login --server URL --user NAME\n',
    );
    const login = await laptop.run(
      ['login', '--server', server.url, '--user', user, '--password-stdin'],
      'password123\n',
    );
    expect([login.status, login.stdout]).toEqual([0, `logged in to ${server.url} as ${user}\n`]);
    expect(statSync(path.join(laptop.home, 'sync.json')).mode & 0o777).toBe(0o600);
    await desktop.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');

    await laptop.run(['review', 'kinds/basic', '--rating', 'good']);
    await laptop.run(['review', 'kinds/choice', '--rating', 'again']);
    // Each machine also syncs the time zone it recorded as the collection's on its first run.
    expect((await laptop.run(['sync'])).stdout).toBe(
      `synced with ${server.url}: pushed 3, pulled 0, cards updated 0\n`,
    );
    expect((await desktop.run(['sync'])).stdout).toBe(
      `synced with ${server.url}: pushed 1, pulled 3, cards updated 2\n`,
    );
    const a = JSON.parse((await laptop.run(['history', '--json'])).stdout);
    const b = JSON.parse((await desktop.run(['history', '--json'])).stdout);
    expect(b).toEqual(a);
    expect(JSON.parse((await desktop.run(['next', '--json'])).stdout).key).toBe(
      JSON.parse((await laptop.run(['next', '--json'])).stdout).key,
    );
    // The laptop picks up the desktop's time-zone default (the older one stays in force), then
    // nothing new: a no-op.
    // (Which default stands depends on the two machines' ids when both collections are a day old;
    // the cards answered since it are re-derived to the same schedule either way.)
    expect((await laptop.run(['sync'])).stdout).toMatch(
      /^synced with \S+: pushed 0, pulled 1, cards updated [02]\n$/,
    );
    expect((await laptop.run(['sync', '--json'])).stdout).toBe(
      `${JSON.stringify({ pushed: 0, resent: 0, pulled: 0, cardsUpdated: 0, quarantined: [], reset: null }, null, 2)}\n`,
    );

    expect((await laptop.run(['logout'])).stdout).toBe(`logged out of ${server.url}\n`);
    expect((await laptop.run(['sync'])).status).toBe(1);
  });

  it('says clearly when the password is wrong or the server is unreachable, and stores nothing', async () => {
    const user = await server.newUser();
    const m = machine(deckDir());
    const closed = await closedPort();
    const wrong = await m.run(
      ['login', '--server', server.url, '--user', user, '--password-stdin'],
      'nope-nope\n',
    );
    expect(wrong.status).toBe(6);
    expect(wrong.stderr).toMatch(/^grill: the sync server refused the login: /);
    const down = await m.run(
      ['login', '--server', closed, '--user', user, '--password-stdin'],
      'password123\n',
    );
    expect([down.status, down.stderr]).toEqual([
      3,
      `grill: cannot reach the sync server at ${closed}: ECONNREFUSED\n`,
    ]);
    expect(
      (await m.run(['login', '--server', 'not a url', '--user', user, '--password-stdin'], 'x\n')).stderr,
    ).toBe('grill: --server "not a url" is not a URL (e.g. http://127.0.0.1:8787)\n');
    expect((await m.run(['sync'])).status).toBe(1);
  });

  it('logout revokes only this machine’s token; a revoked token is refused with a clear message', async () => {
    const user = await server.newUser();
    const a = machine(deckDir());
    const b = machine(deckDir());
    await a.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    await b.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    const saved = readFileSync(path.join(b.home, 'sync.json'), 'utf8');
    expect((await b.run(['logout'])).status).toBe(0);
    expect((await a.run(['sync'])).status).toBe(0);
    writeFileSync(path.join(b.home, 'sync.json'), saved);
    const refused = await b.run(['sync']);
    expect(refused.status).toBe(6);
    expect(refused.stderr).toMatch(/^grill: the sync server refused the login: /);
  });
  it('with --auto-sync, the drill syncs when it opens and when it closes', async () => {
    const user = await server.newUser();
    const content = deckDir();
    const laptop = machine(content);
    const desktop = machine(content, { binary: true });
    await laptop.run(['login', '--server', server.url, '--user', user, '--password-stdin'], 'password123\n');
    const login = await desktop.run(
      ['login', '--server', server.url, '--user', user, '--password-stdin', '--auto-sync'],
      'password123\n',
    );
    expect(login.stdout).toContain('(the drill syncs when it opens and closes)');
    await laptop.run(['review', 'kinds/basic', '--rating', 'easy']);
    await laptop.run(['sync']);

    const app = new GrillPty(['drill'], { GRILL_HOME: desktop.home, GRILL_CONTENT: content, GRILL_NOW: NOW });
    await app.waitFor(/synced: pushed 1, pulled 2\b/);
    await app.waitFor('Which methods are idempotent?');
    app.mark();
    await app.type(' ', '3');
    await app.waitFor('Which status code means Conflict?');
    // Ctrl+C leaves with the status of an interrupted command, and still syncs on the way out.
    await app.type('\u0003');
    expect(await app.exit()).toBe(130);
    // The answer given on the desktop reached the server on the way out.
    await laptop.run(['sync']);
    expect(
      JSON.parse((await laptop.run(['history', '--json'])).stdout).map((h: { card: string }) => h.card),
    ).toEqual(['kinds/basic', 'kinds/choice']);
  });
});
