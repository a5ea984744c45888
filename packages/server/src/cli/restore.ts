import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ServerError } from '../errors.js';
import { openDatabase } from '../sqlite/database.js';
import { resolveDbPath } from './db-path.js';

export interface RestoreOptions {
  from: string;
  db?: string;
}

/**
 * `grill-server restore --from FILE`: puts a backup in place of the database (the server must be
 * stopped) and gives it a new identity. Every client then sees another stream and re-sends its
 * whole log, so whatever happened after the backup comes back from the devices that have it.
 * The backup file itself is left untouched.
 */
export async function restore(options: RestoreOptions): Promise<void> {
  const file = resolveDbPath(options.db, 'restore');
  const from = path.resolve(options.from);
  if (!existsSync(from)) throw new ServerError('no-backup', `no backup at ${from}`);
  if (from === file) throw new ServerError('restore-over-itself', 'the backup is the database itself');
  const partial = `${file}.restoring-${process.pid}`;
  try {
    copyFileSync(from, partial);
    const db = openDatabase(partial);
    try {
      db.prepare("UPDATE server_meta SET value = ? WHERE key = 'id'").run(randomBytes(16).toString('hex'));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    renameSync(partial, file);
  } catch (error) {
    if (error instanceof ServerError) throw error;
    throw new ServerError('restore-failed', `cannot restore ${from}: ${(error as Error).message}`);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  }
  process.stdout.write(
    `restored ${from} to ${file}; devices notice on their next sync and re-send what the backup lacks\n`,
  );
}
