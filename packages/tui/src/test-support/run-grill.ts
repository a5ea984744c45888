import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
