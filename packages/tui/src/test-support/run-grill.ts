import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInProcess } from '../../../../scripts/test-support/in-process.js';

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

function childEnv(opts: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (opts.home) env.GRILL_HOME = opts.home;
  if (opts.now) env.GRILL_NOW = opts.now;
  else delete env.GRILL_NOW;
  return env;
}

/** Runs the real `grill` binary, as a user would, and waits for it. */
export function runGrill(args: string[], opts: RunOptions = {}): GrillResult {
  const result = spawnSync(process.execPath, [GRILL_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: childEnv(opts),
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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

/**
 * Runs one `grill` command line inside this process, on the sources, as the binary would: the
 * same options, environment (`GRILL_HOME`, `GRILL_NOW`, `NO_COLOR=1`), working folder and stdin,
 * with stdout, stderr and the exit status captured. Some thirty times cheaper than starting
 * a process, so most CLI tests use it; process-level behaviour (the bundle, signals, a pty) is
 * tested with runGrill (commands/binary-smoke.test.ts, e2e/). Calls are serialised. A database
 * the binary also opens (under a pty, say) is best driven by the binary alone: the sources may be
 * ahead of the last build (GRILL_TEST_NO_BUILD=1), with a newer schema the binary refuses.
 */
export async function grill(args: string[], opts: RunOptions = {}): Promise<GrillResult> {
  const { runCli } = await import('../cli-program.js');
  return runInProcess(
    () => ({ env: childEnv(opts), cwd: opts.cwd ?? REPO_ROOT, input: opts.input ?? '' }),
    () => runCli([process.execPath, GRILL_BIN, ...args]),
  );
}
