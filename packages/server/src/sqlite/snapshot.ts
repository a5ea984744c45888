import type { WireEventType } from '@grill/protocol';
import { toUser, type UserRow } from '../rows.js';
import type { Snapshot, StoredEvent, StoredToken } from '../snapshot.js';
import type { Db } from './database.js';

/**
 * Runs `fn` on a snapshot of the whole database, inside one read transaction (so a server still
 * writing to the file changes nothing it sees); the transaction ends when `fn` settles.
 */
export async function withSnapshot<T>(db: Db, fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    const identity = db.prepare<[], string>("SELECT value FROM server_meta WHERE key = 'id'").pluck().get();
    if (!identity) throw new Error('server_meta has no id');
    const users = db
      .prepare<[], UserRow>('SELECT id, name, password_hash, salt, params, created_at FROM users ORDER BY id')
      .all()
      .map(toUser);
    const tokens = db
      .prepare<[], StoredToken>(
        `SELECT id, user_id AS userId, token_hash AS tokenHash, device, created_at AS createdAt,
           last_used_at AS lastUsedAt, revoked_at AS revokedAt, expires_at AS expiresAt
         FROM tokens ORDER BY created_at, id`,
      )
      .all();
    const eventsStmt = db.prepare<[], StoredEvent & { type: WireEventType }>(
      `SELECT user_id AS userId, seq, id, card_key AS cardKey, type, at, device_id AS deviceId,
           payload AS payloadJson
         FROM events ORDER BY user_id, seq`,
    );
    // Started only when read: an open iterator keeps the connection busy until it is done.
    const events: Iterable<StoredEvent> = { [Symbol.iterator]: () => eventsStmt.iterate() };
    return await fn({ identity, users, tokens, events });
  } finally {
    db.exec('COMMIT');
  }
}
