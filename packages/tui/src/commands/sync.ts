import { hostname } from 'node:os';
import { grillHome, InvalidInputError, SyncHttpClient, syncOnce } from '@grill/core';
import { withGrill } from '../context.js';
import { readCredentials, removeCredentials, requireCredentials, writeCredentials } from '../credentials.js';
import { printJson } from '../output.js';
import { promptPassword, readStdin } from '../password-prompt.js';

export async function login(opts: {
  server: string;
  user: string;
  passwordStdin?: boolean;
  autoSync?: boolean;
}): Promise<void> {
  let server: URL;
  try {
    server = new URL(opts.server);
  } catch {
    throw new InvalidInputError(
      'bad-server',
      `--server "${opts.server}" is not a URL (e.g. http://127.0.0.1:8787)`,
    );
  }
  const password = opts.passwordStdin
    ? await readStdin()
    : await promptPassword(`password for ${opts.user} at ${server.origin}: `);
  if (!password) throw new InvalidInputError('empty-password', 'the password is empty');
  const result = await SyncHttpClient.login(server.origin, opts.user, password, hostname());
  writeCredentials(grillHome(), {
    server: server.origin,
    username: result.username,
    token: result.token,
    tokenId: result.tokenId,
    ...(opts.autoSync ? { autoSync: true } : {}),
  });
  const note = opts.autoSync ? ' (the drill syncs when it opens and closes)' : '';
  process.stdout.write(`logged in to ${server.origin} as ${result.username}${note}\n`);
}

export async function logout(): Promise<void> {
  const home = grillHome();
  const credentials = readCredentials(home);
  if (!credentials) {
    process.stdout.write('not logged in\n');
    return;
  }
  try {
    await new SyncHttpClient(credentials.server, credentials.token).revoke(credentials.tokenId);
  } finally {
    // Forget the token even when the server cannot be reached; it can be revoked from elsewhere.
    removeCredentials(home);
  }
  process.stdout.write(`logged out of ${credentials.server}\n`);
}

export function sync(opts: { json?: boolean }): Promise<void> {
  const credentials = requireCredentials(grillHome());
  return withGrill(async (grill, now) => {
    const result = await syncOnce(grill, new SyncHttpClient(credentials.server, credentials.token), now);
    if (opts.json) printJson(result);
    else
      process.stdout.write(
        `synced with ${credentials.server}: pushed ${result.pushed}, pulled ${result.pulled}, cards updated ${result.cardsUpdated}\n`,
      );
  });
}
