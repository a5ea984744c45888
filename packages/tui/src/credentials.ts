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

export function readCredentials(home: string): Credentials | null {
  try {
    return JSON.parse(readFileSync(file(home), 'utf8')) as Credentials;
  } catch {
    return null;
  }
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
