import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './passwords.js';
import { SqliteStore } from './sqlite-store.js';
import { FAST_SCRYPT, tempDir } from './test-support/helpers.js';
import { SERVER_BIN as bin, REPO_ROOT as root, serverCli } from './test-support/run-cli.js';
import { listening, type Run, wait } from './test-support/server-process.js';

/** A command line run in this process, as the binary would run it (see serverCli). */
async function run(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const { status, stdout, stderr } = await serverCli(args, input, {
    GRILL_SERVER_DB: '',
    DATABASE_URL: '',
    ...env,
  });
  return { code: status, signal: null, stdout, stderr };
}

/** A command line run by the built binary, in a process of its own. */
function binary(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, GRILL_SERVER_DB: '', DATABASE_URL: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(input);
  return wait(child);
}

describe('the grill-server command line', () => {
  let dir: string;
  let db: string;

  // The binary is built from the current sources before the run (scripts/test-global-setup.ts).
  beforeAll(() => {
    dir = tempDir();
    db = path.join(dir, 'server.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a user from --password-stdin, hashed with the default scrypt cost', async () => {
    const added = await run(['user', 'add', 'ann', '--db', db, '--password-stdin'], 'hunter2hunter2\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(`created user ann in ${db}\n`);
    const store = SqliteStore.open(db);
    const user = await store.findUserByName('ann');
    await store.close();
    expect(user?.password.params).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('reads the database path from $GRILL_SERVER_DB', async () => {
    const other = path.join(dir, 'from-env.db');
    const added = await run(['user', 'add', 'cy', '--password-stdin'], 'long enough', {
      GRILL_SERVER_DB: other,
    });
    expect(added).toMatchObject({ code: 0, stdout: `created user cy in ${other}\n` });
  });

  it('exits 1 with one clear line on a user error', async () => {
    const taken = await run(['user', 'add', 'ann', '--db', db, '--password-stdin'], 'another password');
    expect(taken).toMatchObject({ code: 1, stderr: "grill-server: username 'ann' is already taken\n" });
    const short = await run(['user', 'add', 'bo', '--db', db, '--password-stdin'], 'short\n');
    expect(short).toMatchObject({
      code: 1,
      stderr: 'grill-server: password must be at least 8 characters\n',
    });
  });

  it('exits 2 on a usage error', async () => {
    const badName = await run(['user', 'add', 'no spaces', '--db', db, '--password-stdin'], 'password123');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/username must be 1-64 characters/);
    const noTty = await run(['user', 'add', 'bo', '--db', db]);
    expect(noTty).toMatchObject({ code: 2, stderr: expect.stringMatching(/--password-stdin/) });
    expect((await run(['--port', 'http'])).code).toBe(2);
    // One of them from the binary itself: the exit status a shell sees.
    expect((await binary(['--nope'])).code).toBe(2);
    expect((await run(['user', 'add'])).code).toBe(2);
  });

  it('has --help on every command', async () => {
    for (const args of [['--help'], ['user', '--help'], ['user', 'add', '--help']]) {
      const help = await run(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/^Usage: grill-server/);
    }
    expect((await run(['--help'])).stdout).toMatch(/--open-registration/);
    const help = (await run(['--help'])).stdout;
    expect(help).toMatch(/--trust-proxy \[addresses\] +behind a reverse proxy at these addresses/s);
    expect(help).toMatch(/--token-lifetime <days>/);
    expect((await run(['backup', '--help'])).stdout).toMatch(/--out <file>[\s\S]*--force/);
    expect(help).toMatch(/--db <path\|url> +database: a SQLite file, or a\s+postgres:\/\//);
    expect((await run(['migrate-to-postgres', '--help'])).stdout).toMatch(/--from <file>[\s\S]*--to <url>/);
  });

  it('refuses a bad --token-lifetime or --db-pool and a backup without --out (exit 2)', async () => {
    for (const bad of ['0', '-3', 'ten', '1e3', '36501']) {
      const result = await run(['--token-lifetime', bad, '--db', db]);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toMatch(/must be a positive number of days/);
    }
    expect((await run(['backup', '--db', db])).code).toBe(2);
    for (const bad of ['0', 'ten', '1001']) {
      const result = await run(['--db-pool', bad, '--db', db]);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toMatch(/--db-pool <connections>.* must be an integer from 1 to 1000/);
    }
  });

  it('backs up the database while the server runs; refuses to overwrite without --force', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--db', db], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = wait(child);
    await listening(child);
    try {
      const out = path.join(dir, 'copies', 'backup.db');
      mkdirSync(path.dirname(out));
      const made = await run(['backup', '--db', db, '--out', out]);
      expect(made).toMatchObject({ code: 0, stderr: '' });
      const size = statSync(out).size;
      expect(size).toBeGreaterThan(0);
      expect(made.stdout).toBe(`backed up ${db} to ${out} (${size} bytes)\n`);
      const copy = SqliteStore.open(out);
      const ann = await copy.findUserByName('ann');
      await copy.close();
      expect(ann?.name).toBe('ann');
      expect(readdirSync(path.dirname(out))).toEqual(['backup.db']);

      writeFileSync(out, 'keep me');
      const refused = await run(['backup', '--db', db, '--out', out]);
      expect(refused).toMatchObject({
        code: 1,
        stderr: `grill-server: ${out} already exists; pass --force to overwrite it\n`,
      });
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      const forced = await run(['backup', '--db', db, '--out', out, '--force']);
      expect(forced.code).toBe(0);
      const again = SqliteStore.open(out);
      expect((await again.findUserByName('ANN'))?.name).toBe('ann');
      await again.close();

      const missing = await run([
        'backup',
        '--db',
        path.join(dir, 'nope.db'),
        '--out',
        path.join(dir, 'x.db'),
      ]);
      expect(missing).toMatchObject({
        code: 1,
        stderr: `grill-server: no database at ${path.join(dir, 'nope.db')}\n`,
      });
      expect(existsSync(path.join(dir, 'nope.db'))).toBe(false);
      // Never over the live database's own files, not even with --force.
      for (const own of [db, `${db}-wal`, `${db}-shm`])
        expect(await run(['backup', '--db', db, '--out', own, '--force'])).toMatchObject({
          code: 1,
          stderr: 'grill-server: the backup cannot be the database itself or one of its files\n',
        });
    } finally {
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
    }
  });

  it('restores a backup in place of the database with a new identity, leaving the backup as it was', async () => {
    const live = path.join(dir, 'restore-live.db');
    const copy = path.join(dir, 'restore-copy.db');
    const store = SqliteStore.open(live);
    await store.createUser({
      name: 'zed',
      password: await hashPassword('password123', FAST_SCRYPT),
      createdAt: 1,
    });
    const before = await store.identity();
    await store.backup(copy);
    await store.close();
    const copied = readFileSync(copy);
    const restored = await run(['restore', '--from', copy, '--db', live]);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/^restored .* re-send what the backup lacks\n$/);
    expect(readFileSync(copy).equals(copied)).toBe(true);
    const after = SqliteStore.open(live);
    expect((await after.findUserByName('zed'))?.name).toBe('zed');
    expect(await after.identity()).not.toBe(before);
    await after.close();
    expect(await run(['restore', '--from', path.join(dir, 'none.db'), '--db', live])).toMatchObject({
      code: 1,
    });
  });

  it('serves, logs with pino, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--db', db], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = wait(child);
    const base = await listening(child);
    const health = await fetch(`${base}/v1/health`);
    expect(health.status).toBe(200);
    // The user added by the binary logs in against the server's default settings.
    const login = await fetch(`${base}/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'hunter2hunter2', device: 'test' }),
    });
    expect(login.status).toBe(200);
    const closed = await fetch(`${base}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zed', password: 'password123' }),
    });
    expect(closed.status).toBe(403);

    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain('shutting down');
    expect(messages.at(-1)).toBe('stopped');
    expect(result.stdout).not.toContain('hunter2');
  });
});
