// Vitest global setup: the few tests that run the real `grill` and `grill-server` binaries need
// them built from the current sources. Everything else imports the packages' sources directly
// (see the aliases in vitest.config.ts), so a build is made only when a binary is older than
// a source file, and `pnpm test` never tests stale code.
//
// It also gives the grill-server tests a PostgreSQL server (GRILL_TEST_POSTGRES_URL, which the
// test workers inherit): a developer's own when that is set already, else a throwaway one
// (scripts/test-postgres.mjs) when PostgreSQL is installed. Without one the PostgreSQL tests
// are skipped, saying so in one line, unless GRILL_REQUIRE_POSTGRES=1 (CI), which fails the run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startPostgres, type TestPostgres } from './test-postgres.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BINARIES = ['packages/tui/bundle/cli.js', 'packages/server/dist/server.js'];

/** The newest modification time of the sources that go into the binaries (tests excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') newest = Math.max(newest, newestSource(full));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds what is stale, and gives the run one temporary folder (TMPDIR, which the test workers
 * and the processes they start inherit), removed when the run ends: tests leave nothing behind.
 * GRILL_HOME points inside it too.
 */
export default async function setup(): Promise<() => void> {
  const root = mkdtempSync(path.join(tmpdir(), 'grill-tests-'));
  process.env.TMPDIR = root;
  // A test that names no data folder gets this one, never the user's own.
  process.env.GRILL_HOME = path.join(root, 'grill-home');
  let postgres: TestPostgres | undefined;
  const teardown = () => {
    postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  const sources = Math.max(
    ...readdirSync(path.join(ROOT, 'packages')).map((p) =>
      newestSource(path.join(ROOT, 'packages', p, 'src')),
    ),
    statSync(path.join(ROOT, 'scripts/bundle.mjs')).mtimeMs,
  );
  const stale = BINARIES.filter(
    (b) => !existsSync(path.join(ROOT, b)) || statSync(path.join(ROOT, b)).mtimeMs < sources,
  );
  // GRILL_TEST_NO_BUILD=1: run the in-process tests while another build is under way (tests of the
  // binaries then run what was last built).
  if (stale.length > 0 && process.env.GRILL_TEST_NO_BUILD !== '1') {
    process.stderr.write(`building first: ${stale.join(', ')} older than the sources\n`);
    execFileSync('pnpm', ['-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  try {
    postgres = await providePostgres();
  } catch (error) {
    teardown();
    throw error;
  }
  return teardown;
}

/** Sets GRILL_TEST_POSTGRES_URL, starting a server when it is unset; returns the server it started. */
async function providePostgres(): Promise<TestPostgres | undefined> {
  if (process.env.GRILL_TEST_POSTGRES_URL) return undefined;
  const required = process.env.GRILL_REQUIRE_POSTGRES === '1';
  const bin = findPostgresBin();
  let reason =
    'PostgreSQL is not installed (no initdb and pg_ctl in /usr/lib/postgresql/*/bin, pg_config --bindir or PATH)';
  if (bin) {
    try {
      const server = await startPostgres({ bin });
      process.env.GRILL_TEST_POSTGRES_URL = server.url;
      return server;
    } catch (error) {
      reason = `PostgreSQL (${bin}) did not start: ${(error as Error).message}`;
    }
  }
  if (required) throw new Error(`GRILL_REQUIRE_POSTGRES=1, but ${reason}`);
  process.stderr.write(
    `\n!!! PostgreSQL tests SKIPPED: ${reason.split('\n')[0]}. Install PostgreSQL's server, or set GRILL_TEST_POSTGRES_URL to a server's postgres:// URL.\n\n`,
  );
  return undefined;
}
