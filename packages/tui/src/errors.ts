import { existsSync } from 'node:fs';
import {
  addonInstall,
  GrillError,
  nativeLoadAdvice,
  nativeLoadFailure,
  SyncError,
  terminalSafe,
} from '@grill/core';
import type { Command } from 'commander';
import { nodeSetup } from './node-setup.js';

/**
 * Prints an error as one line on stderr and returns the exit code: 1 for user errors. Messages
 * echo user and deck input, so control characters in them are made visible.
 */
export function reportError(error: unknown): number {
  if (error instanceof GrillError) {
    process.stderr.write(`grill: ${terminalSafe(error.message)}\n`);
    return error instanceof SyncError ? (SYNC_EXIT_CODES[error.code] ?? 1) : 1;
  }
  const native = nativeLoadFailure(error);
  if (native) {
    // The SQLite driver built for another Node.js (after switching versions), or never built.
    const dir = addonInstall(native.file)?.dir;
    const setup = nodeSetup(dir !== undefined && existsSync(dir) ? dir : process.cwd());
    process.stderr.write(`grill: ${terminalSafe(nativeLoadAdvice(native, setup))}\n`);
    return 1;
  }
  const storage = storageProblem(error);
  if (storage) {
    process.stderr.write(`grill: ${terminalSafe(storage)}\n`);
    return EXIT_STORAGE;
  }
  process.stderr.write(
    `grill: internal error: ${terminalSafe(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
  );
  return 70;
}

/** Exit status when the data folder or database cannot be used (disk full, read-only, busy, not a folder). */
export const EXIT_STORAGE = 11;

const SAFE = 'nothing of the last step was saved, and everything saved before is intact';
const FS_PROBLEMS: Record<string, string> = {
  EEXIST: 'a file is in the way where grill needs a folder',
  ENOTDIR: 'a file is in the way where grill needs a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space is left on the disk',
};

/** One line for an error of the local database or data folder, or null for any other error. */
function storageProblem(error: unknown): string | null {
  const { code, path: where } = (error ?? {}) as { code?: unknown; path?: unknown };
  switch (code) {
    case 'SQLITE_FULL':
      return `the disk holding the grill database is full: ${SAFE}; free some space and run the command again`;
    case 'SQLITE_READONLY':
      return `the grill database cannot be written (read-only file or folder): ${SAFE}`;
    case 'SQLITE_IOERR':
      return `the grill database could not be written (input/output error): ${SAFE}`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `the grill database is busy: another grill has been writing to it for several seconds; ${SAFE}; try again when it is done`;
    case 'SQLITE_CANTOPEN':
      return `cannot open the grill database (check GRILL_HOME is a folder you can write)`;
  }
  if (typeof code === 'string' && FS_PROBLEMS[code] && typeof where === 'string')
    return `cannot use ${where}: ${FS_PROBLEMS[code]} (GRILL_HOME sets grill's data folder)`;
  return null;
}

/**
 * Exit status of each kind of sync failure, so scripts can tell them apart (documented in the
 * README and in `grill sync --help`). An invalid response from the server is 1, like other errors.
 */
export const SYNC_EXIT_CODES: Record<string, number> = {
  'bad-response': 1,
  'stream-changed': 1,
  unreachable: 3,
  timeout: 4,
  'server-error': 5,
  unauthorized: 6,
  'clock-ahead': 7,
  'rate-limited': 8,
  upgrade: 9,
  conflict: 10,
  redirect: 12,
  refused: 13,
};

/** What commander keeps private but grill relies on (commander 14). */
interface CommanderInternals {
  /** Reports `this.args[0]` as an unknown subcommand, suggesting close names (showSuggestionAfterError). */
  unknownCommand(): never;
}

/**
 * Usage errors in grill's words, for `cmd` and every command below it: one line on stderr,
 * `grill: ...`, then one hint line `(see grill review --help)`. Commander throws a CommanderError
 * after printing (exitOverride), which the entry point turns into exit status 2.
 */
export function grillUsageErrors(cmd: Command): void {
  cmd.showHelpAfterError(`(see ${commandPath(cmd)} --help)`);
  cmd.configureOutput({ outputError: (text, write) => write(`grill: ${usageMessage(cmd, text)}\n`) });
  for (const sub of cmd.commands) grillUsageErrors(sub);
}

/**
 * Gives `cmd`, a command with subcommands, an action: `run` when given (the bare `grill` opens the
 * drill), else a `missing command` usage error. Commander would take an unknown subcommand for an
 * argument of that action, or an option after it for an unknown option, so the action accepts
 * both and reports them itself. Call it after the subcommands are made: they must not inherit
 * these settings.
 */
export function commandGroup(cmd: Command, run?: () => Promise<void>): void {
  cmd
    .allowExcessArguments()
    .allowUnknownOption()
    .action(async () => {
      const word = cmd.args.find((a) => !a.startsWith('-'));
      if (word !== undefined) unknownCommand(cmd, word);
      if (cmd.args[0] !== undefined)
        cmd.error(`error: unknown option '${cmd.args[0]}'`, { code: 'commander.unknownOption' });
      if (run) return run();
      const names = cmd.commands.map((c) => c.name()).join('|');
      cmd.error(`error: missing command: ${commandPath(cmd)} ${names}`, { code: 'commander.missingCommand' });
    });
}

/** The subcommand of `parent` named `word`; an unknown name is a usage error with a suggestion. */
export function findSubcommand(parent: Command, word: string): Command {
  const found = parent.commands.find((c) => c.name() === word || c.aliases().includes(word));
  if (found) return found;
  return unknownCommand(parent, word);
}

/** Throws commander's unknown-command error for `word` under `parent` (it suggests a close name). */
function unknownCommand(parent: Command, word: string): never {
  parent.args = [word];
  return (parent as unknown as CommanderInternals).unknownCommand();
}

/** `grill config set`: the command's full name. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `grill review CARD --rating RATING`: the command with what it requires. */
function usageLine(cmd: Command): string {
  const args = cmd.registeredArguments.map((a) => {
    const name = `${a.name().toUpperCase()}${a.variadic ? '...' : ''}`;
    return a.required ? name : `[${name}]`;
  });
  const options = cmd.options
    .filter((o) => o.mandatory)
    .map((o) => `${o.long} ${/<(.+?)>/.exec(o.flags)?.[1]?.toUpperCase() ?? ''}`.trim());
  return [commandPath(cmd), ...args, ...options].join(' ');
}

/** Rewrites one of commander's messages (`error: ...`) for `cmd` in grill's words. */
function usageMessage(cmd: Command, text: string): string {
  const message = text
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)');
  const given = cmd.args.filter((a) => !a.startsWith('-')).length;
  const missing = cmd.registeredArguments.filter((a) => a.required)[given];
  // Commander checks options before arguments; naming the missing argument first reads better.
  if (/^missing required argument|^required option .* not specified/.test(message) && missing)
    return `missing ${missing.name()}: ${usageLine(cmd)}`;
  const option = /^required option '(\S+)/.exec(message)?.[1];
  if (option) return `missing ${option}: ${usageLine(cmd)}`;
  if (/^too many arguments/.test(message)) {
    const extra = cmd.args[cmd.registeredArguments.length] ?? '';
    return terminalSafe(`unexpected argument '${extra}': ${usageLine(cmd)}`);
  }
  return terminalSafe(message);
}
