#!/usr/bin/env node
// The `grill` entry point. Keep this file light: each command's module (and Ink/React for the
// interactive ones) is imported only when that command runs, so scripting commands start fast.
import { Command, CommanderError } from 'commander';
import { reportError } from './errors.js';

const program = new Command('grill')
  .description('Spaced-repetition drills for backend-developer interviews.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(str) })
  .exitOverride();

program
  .command('lint')
  .description('check deck files and report every problem as path:line:col (default: the bundled decks)')
  .argument('[paths...]', 'deck files or folders')
  .option('--fix', 'write missing card ids into the files (nothing else is changed)')
  .option('--json', 'print the problems as JSON')
  .action(async (paths: string[], opts) => (await import('./commands/lint.js')).lint(paths, opts));

program
  .command('decks')
  .description('list the decks with their card counts per kind')
  .argument('[paths...]', 'deck files or folders (default: the bundled decks)')
  .option('--json', 'print as JSON')
  .action(async (paths: string[], opts) => (await import('./commands/decks.js')).decks(paths, opts));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version "errors" are normal exits; anything else is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.exitCode = reportError(error);
  }
}
