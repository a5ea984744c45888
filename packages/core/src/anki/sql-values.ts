import type { CollectionDb } from './open-collection.js';

/** A row whose integer columns come back as bigint (`safeIntegers`), so that none is rounded. */
export type Row = Record<string, unknown>;

/** All rows of `sql`, with exact integers. */
export function allRows(db: CollectionDb, sql: string, ...params: unknown[]): Row[] {
  return db
    .prepare(sql)
    .safeIntegers(true)
    .all(...params) as Row[];
}

const MIN = BigInt(Number.MIN_SAFE_INTEGER);
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An integer column as a number (a REAL is truncated, as Anki does). Throws a plain Error, which
 * the reader reports against the collection, for anything else or a value too large to be kept
 * exactly, e.g. a corrupt id.
 */
export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'bigint' && value >= MIN && value <= MAX) return Number(value);
  if (typeof value === 'number' && Number.isFinite(value) && Number.isSafeInteger(Math.trunc(value))) {
    return Math.trunc(value);
  }
  throw new Error(`${column} is ${String(value)}, not an integer this reader can keep exactly`);
}

/** A text column as a string ('' for NULL; a BLOB is read as UTF-8). */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}

/** A BLOB column as bytes (empty for NULL). */
export function blob(row: Row, column: string): Uint8Array {
  const value = row[column];
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return new Uint8Array();
}
