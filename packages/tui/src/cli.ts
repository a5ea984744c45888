#!/usr/bin/env node
// The `grill` entry point. Keep this file light: it only runs the command line (cli-program.ts).
import { runCli } from './cli-program.js';
import { exitRequested } from './exit-now.js';

// Output piped into a command that stops reading (`grill history --json | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv);
// Output to a terminal, a file or a pipe is written synchronously on Linux and macOS: nothing is lost.
if (exitRequested()) process.exit();
