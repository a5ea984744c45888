import Database from 'better-sqlite3';
import { packageError, reason } from './package-error.js';

export type CollectionDb = Database.Database;

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Opens the SQLite collection in `bytes` in memory, as a private copy: no temporary file is
 * written, and the copy is made read-only once opened. Takes `bytes` over (it may patch their
 * header): pass bytes of your own, as unzipped or decompressed entries are. Throws an
 * `anki-package` error when the bytes are not a SQLite database or it has no `col` table.
 */
export function openCollection(bytes: Uint8Array, label: string, file: string): CollectionDb {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('latin1', 0, SQLITE_MAGIC.length) !== SQLITE_MAGIC) {
    throw packageError(label, `${file} is not a SQLite database`);
  }
  // Bytes 18 and 19 are 2 in a WAL-mode file (latest collections are). SQLite cannot open such a
  // database from memory ("unable to open database file"); 1 marks the rollback journal, which
  // is read the same way.
  if (buffer[18] === 2 || buffer[19] === 2) {
    buffer[18] = 1;
    buffer[19] = 1;
  }
  let db: CollectionDb | undefined;
  try {
    db = new Database(buffer);
    db.prepare('SELECT ver FROM col').get();
    useBuiltinCollation(db);
    db.pragma('query_only = ON');
    return db;
  } catch (error) {
    db?.close();
    throw packageError(label, `${file} is not an Anki collection (${reason(error)})`);
  }
}

/**
 * Schema-15+ collections declare name columns `COLLATE unicase`, a collation only Anki registers
 * (and better-sqlite3 cannot): SQLite refuses every query on the WITHOUT ROWID `fields` and
 * `templates` tables without it. In this private copy the schema names NOCASE instead; the reader
 * never compares names, so no result depends on the collation.
 */
function useBuiltinCollation(db: CollectionDb): void {
  const uses = db.prepare("SELECT 1 FROM sqlite_schema WHERE sql LIKE '%COLLATE unicase%'").get();
  if (uses === undefined) return;
  // Writing the schema table needs SQLite's defensive mode off, which unsafe mode turns off.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE')").run();
  db.pragma('writable_schema = RESET');
  db.unsafeMode(false);
}
