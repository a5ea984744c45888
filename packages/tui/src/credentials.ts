import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '@grill/core';

/** The sync login kept in $GRILL_HOME/sync.json, readable by the user only. */
export interface Credentials {
  server: string;
  username: string;
  token: string;
  tokenId: string;
  /** Sync when the drill opens and when it closes. */
  autoSync?: boolean;
}

const file = (home: string) => path.join(home, 'sync.json');

/** The stored login; null when there is none. A damaged file is an error that says what to do. */
export function readCredentials(home: string): Credentials | null {
  let text: string;
  try {
    text = readFileSync(file(home), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: Partial<Credentials> | null = null;
  try {
    parsed = JSON.parse(text) as Partial<Credentials>;
  } catch {
    // Reported below.
  }
  const fields = ['server', 'username', 'token', 'tokenId'] as const;
  if (!parsed || typeof parsed !== 'object' || fields.some((f) => typeof parsed?.[f] !== 'string'))
    throw new InvalidInputError(
      'damaged-login',
      `${file(home)} is damaged: run grill login again (it replaces the file)`,
    );
  return parsed as Credentials;
}

export function requireCredentials(home: string): Credentials {
  const credentials = readCredentials(home);
  if (!credentials)
    throw new InvalidInputError(
      'not-logged-in',
      'not logged in to a sync server: run grill login --server URL --user NAME',
    );
  return credentials;
}

export function writeCredentials(home: string, credentials: Credentials): void {
  writeFileSync(file(home), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file(home), 0o600); // writeFileSync's mode applies only when it creates the file
}

export function removeCredentials(home: string): void {
  rmSync(file(home), { force: true });
}
