// Vitest global setup: the few tests that run the real `grill` and `grill-server` binaries need
// them built from the current sources. Everything else imports the packages' sources directly
// (see the aliases in vitest.config.ts), so a build is made only when a binary is older than
// a source file, and `pnpm test` never tests stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'grill-tests-'));
  process.env.TMPDIR = root;
  // A test that names no data folder gets this one, never the user's own.
  process.env.GRILL_HOME = path.join(root, 'grill-home');
  const teardown = () => rmSync(root, { recursive: true, force: true });
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
  return teardown;
}
