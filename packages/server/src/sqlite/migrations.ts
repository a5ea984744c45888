/** Numbered schema migrations. Each runs once, in a transaction, and bumps `user_version`. */
export const MIGRATIONS: readonly string[] = [
  // 1: accounts, their bearer tokens and their review-log events.
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash BLOB NOT NULL,
    salt BLOB NOT NULL,
    params TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    device TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX tokens_user ON tokens(user_id);
  CREATE TABLE events (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    card_key TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (user_id, seq),
    UNIQUE (user_id, id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 2: the database's identity (a restored or replaced database is told apart by its clients
  // through the stream id built from it) and usernames unique whatever their case.
  `
  CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  INSERT INTO server_meta (key, value) VALUES ('id', lower(hex(randomblob(16))));
  CREATE UNIQUE INDEX users_name_nocase ON users(name COLLATE NOCASE);
  `,
  // 3: tokens that expire (--token-lifetime); NULL for none, as for every token made before.
  `
  ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
