import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The built `grill` binary: tests run the real thing, as a user would. */
/** The bundled build, as users run it (see scripts/bundle.mjs). */
export const GRILL_BIN = fileURLToPath(new URL('../../bundle/cli.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface GrillResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'grill-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

type RunOptions = { home?: string; now?: string; cwd?: string; input?: string; env?: Record<string, string> };

function childEnv(opts: RunOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (opts.home) env.GRILL_HOME = opts.home;
  if (opts.now) env.GRILL_NOW = opts.now;
  else delete env.GRILL_NOW;
  return env;
}

/** Like runGrill, without blocking this process (needed when a server runs in it). */
export function runGrillAsync(args: string[], opts: RunOptions = {}): Promise<GrillResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GRILL_BIN, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: childEnv(opts),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

export function runGrill(
  args: string[],
  opts: { home?: string; now?: string; cwd?: string; input?: string; env?: Record<string, string> } = {},
): GrillResult {
  const result = spawnSync(process.execPath, [GRILL_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: childEnv(opts),
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one `grill` command line inside this process, on the sources, as the binary would: the
 * same options, environment (`GRILL_HOME`, `GRILL_NOW`, `NO_COLOR=1`), working folder and stdin,
 * with stdout, stderr and the exit status captured. About a hundred times cheaper than starting
 * a process, so most CLI tests use it; process-level behaviour (the bundle, signals, a pty) is
 * tested with runGrill. Calls are serialised: each owns the process's globals while it runs.
 */
export function grill(args: string[], opts: RunOptions = {}): Promise<GrillResult> {
  const run = queue.then(() => runInProcess(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], opts: RunOptions): Promise<GrillResult> {
  const { runCli } = await import('../cli-program.js');
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin'),
    out: process.stdout.write,
    err: process.stderr.write,
    outTty: process.stdout.isTTY,
    errTty: process.stderr.isTTY,
  };
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    };
  try {
    process.env = childEnv(opts) as NodeJS.ProcessEnv;
    process.chdir(opts.cwd ?? REPO_ROOT);
    Object.defineProperty(process, 'stdin', {
      value: Readable.from([opts.input ?? '']),
      configurable: true,
    });
    process.stdout.isTTY = false;
    process.stderr.isTTY = false;
    process.stdout.write = capture((t) => {
      stdout += t;
    }) as typeof process.stdout.write;
    process.stderr.write = capture((t) => {
      stderr += t;
    }) as typeof process.stderr.write;
    process.exitCode = undefined;
    const status = await runCli([process.execPath, GRILL_BIN, ...args]);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.stdout.isTTY = saved.outTty;
    process.stderr.isTTY = saved.errTty;
    if (saved.stdin) Object.defineProperty(process, 'stdin', saved.stdin);
    process.chdir(saved.cwd);
    process.env = saved.env;
    process.exitCode = undefined;
  }
}
