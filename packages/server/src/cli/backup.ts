import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ServerError } from '../errors.js';
import { SqliteStore } from '../sqlite-store.js';
import { resolveDbPath } from './db-path.js';

export interface BackupOptions {
  out: string;
  db?: string;
  force?: boolean;
}

/**
 * `grill-server backup --out FILE`: a consistent copy of the database, safe while the server
 * runs (SQLite's online backup). Written beside FILE first, so FILE is never left half-written.
 */
export async function backup(options: BackupOptions): Promise<void> {
  const file = resolveDbPath(options.db, 'backup');
  const out = path.resolve(options.out);
  if (!existsSync(file)) throw new ServerError('no-database', `no database at ${file}`);
  if (['', '-wal', '-shm', '-journal'].some((suffix) => out === `${file}${suffix}`))
    throw new ServerError(
      'backup-over-database',
      'the backup cannot be the database itself or one of its files',
    );
  if (!options.force && existsSync(out)) {
    throw new ServerError('backup-exists', `${out} already exists; pass --force to overwrite it`);
  }
  const partial = `${out}.partial-${process.pid}`;
  const store = SqliteStore.open(file);
  try {
    await store.backup(partial);
    if (options.force) {
      renameSync(partial, out);
    } else {
      // A hard link fails if FILE appeared meanwhile, where a rename would replace it.
      try {
        linkSync(partial, out);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        throw new ServerError('backup-exists', `${out} already exists; pass --force to overwrite it`);
      }
    }
  } finally {
    rmSync(partial, { force: true });
    await store.close();
  }
  process.stdout.write(`backed up ${file} to ${out} (${statSync(out).size} bytes)\n`);
}
