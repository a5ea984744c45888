import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './sqlite/migrations.js';
import { SqliteStore } from './sqlite-store.js';
import { tempDir } from './test-support/helpers.js';

// What only SQLite has; the ServerStore contract, on both backends, is store-contract.test.ts.
describe('SqliteStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'server.db');
    store = SqliteStore.open(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the schema with WAL and foreign keys, and reopening migrates nothing', async () => {
    await store.close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['events', 'server_meta', 'tokens', 'users']);
    db.close();
    store = SqliteStore.open(file);
    expect(await store.findUserByName('nobody')).toBeUndefined();
  });

  it('refuses a database from a newer grill-server', async () => {
    await store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/newer than this grill-server/);
    store = SqliteStore.open(path.join(dir, 'other.db'));
  });
});
