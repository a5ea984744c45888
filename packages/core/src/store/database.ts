import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GrillError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { nativeLoadFailure } from './native-addon.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Migrate up to this version only (tests of old files). */
  targetVersion?: number;
  /** Time used to name the pre-migration backup. */
  now?: number;
}

/** Opens (creating if needed) a grill database: WAL, foreign keys, migrations applied. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const existed = file !== ':memory:' && existsSync(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    // The SQLite driver loads its native addon on first use: a failure to load it is not about
    // this file, and the command line turns it into what to run (see native-addon.ts).
    if (nativeLoadFailure(error)) throw error;
    throw new GrillError('db-open', `cannot open database ${file}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // No checkpoints on the answer path: they would make one answer in a few hundred slow. The
  // write-ahead log is folded back when the database is closed (and by long-running processes
  // when idle; see Store.checkpoint).
  db.pragma('wal_autocheckpoint = 0');
  migrate(db, file, existed, options);
  return db;
}

function migrate(db: Db, file: string, existed: boolean, options: OpenOptions): void {
  const target = options.targetVersion ?? SCHEMA_VERSION;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new GrillError(
      'db-too-new',
      `database ${file} has schema version ${current}, newer than this grill (${SCHEMA_VERSION}); upgrade grill`,
    );
  }
  if (current >= target) return;
  if (existed && current > 0) {
    // A consistent copy of the old file, kept beside it, before any schema change.
    const stamp = new Date(options.now ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    db.exec(`VACUUM INTO '${`${file}.v${current}-${stamp}.bak`.replaceAll("'", "''")}'`);
  }
  for (let version = current + 1; version <= target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1] ?? '');
      db.pragma(`user_version = ${version}`);
    })();
  }
}
