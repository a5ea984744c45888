// A throwaway PostgreSQL server for the tests: `pnpm test` (scripts/test-global-setup.ts) starts
// one when PostgreSQL is installed, and `.ci/run` requires it. Debian installs the server's
// programs off PATH (/usr/lib/postgresql/VERSION/bin); they are looked for there, then where
// `pg_config --bindir` says, then on PATH.
//
// The cluster lives in a fresh temporary folder: initdb, then `pg_ctl start` on a free loopback
// port (its Unix socket in the same folder), fsync off — a test server, not a durable one — and
// trust authentication for its one superuser, `grill`, on loopback only. PostgreSQL refuses to
// run as root, so as root the programs run as the `postgres` user (`runuser -u postgres --`)
// and the folder is made theirs. `stop()` stops the server and removes the folder.
//
// Alone: `node scripts/test-postgres.mjs` starts one, prints its URL and keeps it until Ctrl-C;
// `node scripts/test-postgres.mjs -- CMD ARGS…` runs CMD with GRILL_TEST_POSTGRES_URL set to it,
// then stops it and exits with CMD's status.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The superuser the cluster is made with; tests connect as it. */
export const SUPERUSER = 'grill';
const RUN_AS = 'postgres';

/**
 * The folder holding `initdb` and `pg_ctl`, or null when PostgreSQL's server is not installed.
 * $GRILL_POSTGRES_BIN first, then Debian's /usr/lib/postgresql/<newest>/bin, then
 * `pg_config --bindir`, then PATH.
 */
export function findPostgresBin(env = process.env) {
  const has = (dir) => Boolean(dir) && ['initdb', 'pg_ctl'].every((p) => existsSync(path.join(dir, p)));
  if (env.GRILL_POSTGRES_BIN) return has(env.GRILL_POSTGRES_BIN) ? env.GRILL_POSTGRES_BIN : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions)
      if (has(path.join(debian, version, 'bin'))) return path.join(debian, version, 'bin');
  }
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromPgConfig.status === 0 && has(fromPgConfig.stdout.trim())) return fromPgConfig.stdout.trim();
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (has(dir)) return dir;
  return null;
}

/** A loopback TCP port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `id -u NAME` and `id -g NAME`, or null when there is no such user. */
function userIds(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * Starts a throwaway PostgreSQL server.
 * @param {{ bin?: string, log?: (line: string) => void }} [options] `bin`: the folder of
 *   `initdb` and `pg_ctl` (default: findPostgresBin()).
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => void }>} `url` is
 *   `postgres://grill@127.0.0.1:PORT/postgres`, a superuser's connection to the default database;
 *   `stop()` (synchronous, idempotent) stops the server and removes `dir`.
 * @throws Error when PostgreSQL is not installed, or initdb or pg_ctl fails (the message holds
 *   their output or the server's log).
 */
export async function startPostgres(options = {}) {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb and pg_ctl found)');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userIds(RUN_AS) : null;
  if (asRoot && !owner)
    throw new Error(`running as root and there is no '${RUN_AS}' user to run PostgreSQL as`);
  // As root, a folder the postgres user can reach: TMPDIR may be a private one of root's.
  const dir = mkdtempSync(path.join(asRoot ? '/tmp' : tmpdir(), 'grill-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const run = (program, args) => {
    const [command, argv] = owner
      ? ['runuser', ['-u', RUN_AS, '--', path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    return spawnSync(command, argv, { cwd: dir, encoding: 'utf8' });
  };
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const init = run('initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
    // A port found free can be taken before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = [
        `-c listen_addresses=127.0.0.1`,
        `-c port=${port}`,
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
        '-c shared_buffers=64MB',
      ].join(' ');
      const start = run('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings]);
      if (start.status === 0) {
        started = true;
        options.log?.(`PostgreSQL (${bin}) listening on 127.0.0.1:${port}, data in ${data}`);
        return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`, port, dir, stop };
      }
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (attempt >= 3 || !/could not bind|already in use/i.test(log)) {
        throw new Error(`pg_ctl start failed:\n${start.stdout}${start.stderr}${log}`);
      }
    }
  } catch (error) {
    stop();
    throw error;
  }
}

// Run alone: start, then wait for Ctrl-C, or run a command against it.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startPostgres({ log: (line) => process.stderr.write(`${line}\n`) });
  process.on('exit', () => server.stop());
  const dashes = process.argv.indexOf('--');
  if (dashes >= 0 && process.argv.length > dashes + 1) {
    const [command, ...args] = process.argv.slice(dashes + 1);
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, GRILL_TEST_POSTGRES_URL: server.url },
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    process.stdout.write(`${server.url}\n`);
    process.stderr.write('Ctrl-C stops it and removes its files.\n');
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
    setInterval(() => {}, 1 << 30);
  }
}
