import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { InvalidInputError, SyncError, syncStatus, terminalSafe } from '@grill/core';
import { resetSyncState, SyncHttpClient, serverBase, syncOnce } from '@grill/core/sync';
import { USERNAME_PATTERN } from '@grill/protocol';
import { withGrill } from '../context.js';
import { readCredentials, removeCredentials, requireCredentials, writeCredentials } from '../credentials.js';
import { printJson } from '../output.js';
import { promptPassword, readStdin } from '../password-prompt.js';
import { grillHome } from '../paths.js';
import { isLoopback } from '../server-url.js';

const USERNAME = new RegExp(USERNAME_PATTERN);
/** Syncing reads and writes the review log only: the bundled decks are brought up to date by the next command that shows cards. */
const NO_DECKS = { bundledDecks: false };

function parseServer(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError('bad-server', `--server "${text}" is not a URL (e.g. http://127.0.0.1:8787)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(
      'bad-server',
      `--server must be an http:// or https:// URL (e.g. http://${text.replace(/^[a-z]+:\/*/i, '') || '127.0.0.1:8787'}), not "${text}"`,
    );
  if (url.username || url.password)
    throw new InvalidInputError(
      'bad-server',
      '--server must not carry a user or password (grill asks for the password)',
    );
  return serverBase(url.href);
}

export async function login(opts: {
  server: string;
  user: string;
  passwordStdin?: boolean;
  autoSync?: boolean;
}): Promise<void> {
  if (!USERNAME.test(opts.user))
    throw new InvalidInputError(
      'bad-username',
      `--user must be 1-64 characters of letters, digits, '.', '_' or '-' (got ${JSON.stringify(opts.user)})`,
    );
  const server = parseServer(opts.server);
  const url = new URL(server);
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    process.stderr.write(
      `grill: warning: ${url.host} is reached over plain http://, so the password and token cross the network unencrypted; use https:// for a server on another machine\n`,
    );
  const home = grillHome();
  // Made before asking the server, so a token it issues can always be stored.
  mkdirSync(home, { recursive: true });
  // A damaged login file is replaced by this login.
  const previous = (() => {
    try {
      return readCredentials(home);
    } catch {
      return null;
    }
  })();
  const sameLogin =
    previous?.server === server && previous.username.toLowerCase() === opts.user.toLowerCase();
  const password = opts.passwordStdin
    ? await readStdin()
    : await promptPassword(`password for ${opts.user} at ${server}: `);
  if (!password) throw new InvalidInputError('empty-password', 'the password is empty');
  const result = await SyncHttpClient.login(
    server,
    opts.user,
    password,
    hostname(),
    sameLogin ? previous.tokenId : undefined,
  );
  try {
    writeCredentials(home, {
      server,
      username: result.username,
      token: result.token,
      tokenId: result.tokenId,
      ...(opts.autoSync ? { autoSync: true } : {}),
    });
  } catch (error) {
    // A token nobody holds can never be used or revoked by its owner: take it back now.
    await new SyncHttpClient(server, result.token).revoke(result.tokenId).catch(() => {});
    throw new InvalidInputError(
      'cannot-store-login',
      `cannot store the login in ${home}: ${(error as Error).message} (the new token was revoked)`,
    );
  }
  if (previous && !sameLogin) {
    // Another server or account: the old token goes, and the next sync starts from zero there.
    await new SyncHttpClient(previous.server, previous.token).revoke(previous.tokenId).catch(() => {});
    await withGrill((grill) => resetSyncState(grill), NO_DECKS);
  }
  const switched =
    previous && !sameLogin ? '; the next sync sends this machine’s whole review log there' : '';
  const note = `${opts.autoSync ? ' (the drill syncs when it opens and closes)' : ''}${switched}`;
  process.stdout.write(`logged in to ${terminalSafe(server)} as ${terminalSafe(result.username)}${note}\n`);
}

export async function logout(): Promise<void> {
  const home = grillHome();
  let credentials: ReturnType<typeof readCredentials>;
  try {
    credentials = readCredentials(home);
  } catch (error) {
    removeCredentials(home);
    throw new InvalidInputError(
      'damaged-login',
      `${(error as Error).message.replace(/: run grill login again.*$/, '')}: removed it; a token it held could not be revoked (revoke it from another machine)`,
    );
  }
  if (!credentials) {
    process.stdout.write('not logged in\n');
    return;
  }
  // Forget the token even when the server cannot be reached, and say it is still valid there.
  const failure = await new SyncHttpClient(credentials.server, credentials.token)
    .revoke(credentials.tokenId)
    .then(
      () => null,
      (error: unknown) => error,
    );
  removeCredentials(home);
  if (failure instanceof SyncError) {
    process.stdout.write(`logged out of ${credentials.server} on this machine\n`);
    throw new SyncError(
      failure.code,
      `the token could not be revoked on the server (${failure.message}); it stays valid there until revoked: log in from another machine and run grill logout there, or ask the server's operator`,
    );
  }
  if (failure) throw failure;
  process.stdout.write(`logged out of ${credentials.server}\n`);
}

export function sync(opts: { json?: boolean; status?: boolean }): Promise<void> {
  if (opts.status) return status(opts);
  const credentials = requireCredentials(grillHome());
  return withGrill(async (grill, now) => {
    const result = await syncOnce(grill, new SyncHttpClient(credentials.server, credentials.token), now);
    if (opts.json) {
      printJson(result);
      return;
    }
    const out = process.stdout;
    if (result.reset) out.write(`${result.reset}: re-sent this machine's whole review log\n`);
    const resent = result.resent > 0 ? ` (and ${result.resent} the server already had)` : '';
    out.write(
      `synced with ${credentials.server}: pushed ${result.pushed}${resent}, pulled ${result.pulled}, cards updated ${result.cardsUpdated}\n`,
    );
    if (result.quarantined.length > 0) {
      process.stderr.write(
        `grill: set aside ${result.quarantined.length} invalid event${result.quarantined.length === 1 ? '' : 's'} (kept, never applied; see grill doctor):\n`,
      );
      for (const line of result.quarantined.slice(0, 5)) process.stderr.write(`  ${terminalSafe(line)}\n`);
      if (result.quarantined.length > 5)
        process.stderr.write(`  … and ${result.quarantined.length - 5} more\n`);
    }
  }, NO_DECKS);
}

/** grill sync --status: what this machine knows, without asking the server. */
function status(opts: { json?: boolean }): Promise<void> {
  const credentials = readCredentials(grillHome());
  return withGrill((grill, now) => {
    const s = syncStatus(grill);
    const report = {
      server: credentials?.server ?? null,
      username: credentials?.username ?? null,
      lastSync: s.lastSync === null ? null : new Date(s.lastSync).toISOString(),
      unsynced: s.unsynced,
      quarantined: s.quarantined,
    };
    if (opts.json) {
      printJson(report);
      return;
    }
    const out = process.stdout;
    out.write(
      credentials
        ? `server       ${credentials.server} as ${credentials.username}\n`
        : 'server       not logged in\n',
    );
    const ago =
      s.lastSync === null
        ? 'never'
        : `${report.lastSync} (${Math.max(0, Math.round((now - s.lastSync) / 60_000))} min ago)`;
    out.write(`last sync    ${ago}\n`);
    out.write(`unsynced     ${s.unsynced} event${s.unsynced === 1 ? '' : 's'}\n`);
    out.write(
      `quarantine   ${s.quarantined} invalid event${s.quarantined === 1 ? '' : 's'} set aside (see grill doctor)\n`,
    );
  }, NO_DECKS);
}
