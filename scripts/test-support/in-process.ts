// Runs a command-line program's entry function inside the test process, as if it were a process
// of its own: its environment, working folder and stdin swapped in, its stdout, stderr and exit
// status captured, everything restored afterwards. Used by the `grill` and `grill-server` tests
// (packages/tui/src/test-support/run-grill.ts, packages/server/src/test-support/run-cli.ts).
import { Readable } from 'node:stream';

export interface ProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface ProcessSetup {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** All of stdin (not a terminal). */
  input: string;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `main` (which resolves to the exit status) with the environment, folder and stdin that
 * `setup` gives in place of the process's own, and stdout and stderr captured (none of them a
 * terminal). Calls are serialised: each owns the process's globals while it runs, and `setup` is
 * called when its turn comes, so it reads the process's own environment.
 */
export function runInProcess(setup: () => ProcessSetup, main: () => Promise<number>): Promise<ProcessResult> {
  const run = queue.then(() => swapped(setup(), main));
  queue = run.catch(() => undefined);
  return run;
}

async function swapped(setup: ProcessSetup, main: () => Promise<number>): Promise<ProcessResult> {
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin'),
    out: process.stdout.write,
    err: process.stderr.write,
    outTty: process.stdout.isTTY,
    errTty: process.stderr.isTTY,
    exitCode: process.exitCode,
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
    process.env = setup.env;
    process.chdir(setup.cwd);
    Object.defineProperty(process, 'stdin', { value: Readable.from([setup.input]), configurable: true });
    process.stdout.isTTY = false;
    process.stderr.isTTY = false;
    process.stdout.write = capture((t) => {
      stdout += t;
    }) as typeof process.stdout.write;
    process.stderr.write = capture((t) => {
      stderr += t;
    }) as typeof process.stderr.write;
    process.exitCode = undefined;
    const status = await main();
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.stdout.isTTY = saved.outTty;
    process.stderr.isTTY = saved.errTty;
    if (saved.stdin) Object.defineProperty(process, 'stdin', saved.stdin);
    process.chdir(saved.cwd);
    process.env = saved.env;
    process.exitCode = saved.exitCode;
  }
}
