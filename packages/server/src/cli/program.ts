import { MIN_PASSWORD_LENGTH } from '@grill/protocol';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { checkUsername } from '../accounts.js';
import { DEFAULT_POOL_MAX } from '../postgres/config.js';
import { SERVER_VERSION } from '../version.js';
import { type BackupOptions, backup } from './backup.js';
import { type MigrateToPostgresOptions, migrateToPostgres } from './migrate-to-postgres.js';
import { type RestoreOptions, restore } from './restore.js';
import { type ServeOptions, serve } from './serve.js';
import { UsageError } from './usage-error.js';
import { type UserAddOptions, userAdd } from './user-add.js';

const DB_HELP =
  'database: a SQLite file, or a postgres://user:password@host:port/name URL (default: $GRILL_SERVER_DB, else $DATABASE_URL, else ./grill-server.db)';
const FILE_HELP = 'database file (default: $GRILL_SERVER_DB or ./grill-server.db)';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('must be an integer from 0 to 65535');
  return port;
}

function parsePoolSize(value: string): number {
  const size = Number(value);
  if (!/^\d+$/.test(value) || size < 1 || size > 1000)
    throw new InvalidArgumentError('must be an integer from 1 to 1000');
  return size;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_TOKEN_DAYS = 36_500;

/** A positive number of days (24 hours each, up to a century) as milliseconds. */
function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(days > 0) || days > MAX_TOKEN_DAYS)
    throw new InvalidArgumentError(`must be a positive number of days, at most ${MAX_TOKEN_DAYS}`);
  return Math.round(days * DAY_MS);
}

function parseUsername(value: string): string {
  try {
    checkUsername(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return value;
}

export function buildProgram(): Command {
  const program = new Command('grill-server')
    .description('Sync server for grill review logs. Without a command: serve the HTTP API.')
    .version(SERVER_VERSION)
    // Options after a subcommand belong to it (both levels have --db).
    .enablePositionalOptions()
    .exitOverride()
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8787)
    .option('--db <path|url>', DB_HELP)
    .option(
      '--db-pool <connections>',
      `most PostgreSQL connections this process opens (default: ${DEFAULT_POOL_MAX})`,
      parsePoolSize,
    )
    .option('--open-registration', 'let anyone create an account with POST /v1/accounts', false)
    .option(
      '--token-lifetime <days>',
      'tokens issued from now on expire after this many days (default: never)',
      parseDays,
    )
    .option(
      '--trust-proxy [addresses]',
      'behind a reverse proxy at these addresses (comma-separated; CIDR ranges and loopback allowed; default loopback): take client addresses, for the login limits, from what it appends to X-Forwarded-For',
    )
    .action((options: ServeOptions) => serve(options));

  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description(`create an account (password: at least ${MIN_PASSWORD_LENGTH} characters)`)
    .argument('<name>', "username: 1-64 characters of letters, digits, '.', '_' or '-'", parseUsername)
    .option('--db <path|url>', DB_HELP)
    .option('--password-stdin', 'read the password from stdin instead of prompting on the terminal')
    .action((name: string, options: UserAddOptions) => userAdd(name, options));

  program
    .command('backup')
    .description('copy the database to FILE, safely while the server runs')
    .requiredOption('--out <file>', 'where to write the copy')
    .option('--db <path>', FILE_HELP)
    .option('--force', 'overwrite FILE if it exists')
    .action((options: BackupOptions) => backup(options));

  program
    .command('restore')
    .description(
      'put a backup in place of the database (stop the server first); devices re-send what it lacks',
    )
    .requiredOption('--from <file>', 'the backup to restore (left as it is)')
    .option('--db <path>', FILE_HELP)
    .action((options: RestoreOptions) => restore(options));

  program
    .command('migrate-to-postgres')
    .description(
      'copy a SQLite server (users, tokens, events with their sequence numbers, its identity) into an empty PostgreSQL database, in one transaction; devices carry on without re-sending',
    )
    .requiredOption('--from <file>', 'the SQLite database file')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://user:password@host:port/name')
    .action((options: MigrateToPostgresOptions) => migrateToPostgres(options));
  return program;
}

/** Runs the command line; resolves to the exit code (0 once the server is listening). */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (or the help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`grill-server: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
