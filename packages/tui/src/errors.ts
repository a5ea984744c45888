import { GrillError } from '@grill/core';

/** Prints an error as one line on stderr and returns the exit code: 1 for user errors. */
export function reportError(error: unknown): number {
  if (error instanceof GrillError) {
    process.stderr.write(`grill: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `grill: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}
