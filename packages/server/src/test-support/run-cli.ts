import { fileURLToPath } from 'node:url';
import { type ProcessResult, runInProcess } from '../../../../scripts/test-support/in-process.js';

/** The repository root, where the tests run grill-server from. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The built binary (packages/server/dist/server.js), for the tests that need a process. */
export const SERVER_BIN = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

/**
 * Runs one `grill-server` command line inside this process, on the sources, as the binary would:
 * the environment (with `env` over it), the repository root as working folder, `input` as stdin
 * (not a terminal), stdout, stderr and the exit status captured. For the subcommands and usage
 * errors; serving (which listens until a signal) is tested with the binary.
 */
export async function serverCli(
  args: string[],
  input = '',
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessResult> {
  const { runCli } = await import('../cli/program.js');
  return runInProcess(
    () => ({ env: { ...process.env, ...env }, cwd: REPO_ROOT, input }),
    () => runCli(args),
  );
}
