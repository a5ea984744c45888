import type { PoolClient } from 'pg';
import { ServerError } from '../errors.js';
import type { CopyCounts, Snapshot, StoredEvent } from '../snapshot.js';
import { redactUrl } from './config.js';

const EVENTS_PER_STATEMENT = 2_000;

/**
 * Copies a snapshot into a migrated, empty database, on `client` inside a transaction the caller
 * commits: users with their ids, tokens, events with their seqs, each user's head, the identity.
 * Locks the tables first, so no server writes meanwhile. Throws `target-not-empty` (a
 * ServerError) when the database already holds users.
 */
export async function importSnapshot(
  client: PoolClient,
  snapshot: Snapshot,
  url: string,
): Promise<CopyCounts> {
  await client.query('LOCK TABLE users, tokens, events, event_heads, server_meta IN EXCLUSIVE MODE');
  const { rows } = await client.query<{ users: number; events: number }>(
    'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM events) AS events',
  );
  const held = rows[0] ?? { users: 0, events: 0 };
  if (held.users > 0) {
    throw new ServerError(
      'target-not-empty',
      `${redactUrl(url)} already holds ${held.users} users and ${held.events} events: migrate-to-postgres copies only into an empty database`,
    );
  }
  const { users, tokens } = snapshot;
  await client.query(
    `INSERT INTO users (id, name, password_hash, salt, params, created_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::bigint[])`,
    [
      users.map((u) => u.id),
      users.map((u) => u.name),
      users.map((u) => u.password.hash),
      users.map((u) => u.password.salt),
      users.map((u) => JSON.stringify(u.password.params)),
      users.map((u) => u.createdAt),
    ],
  );
  // New accounts take ids after the copied ones.
  await client.query(
    `SELECT setval(pg_get_serial_sequence('users', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM users`,
  );
  await client.query(
    `INSERT INTO tokens (id, user_id, token_hash, device, created_at, last_used_at, revoked_at, expires_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])`,
    [
      tokens.map((t) => t.id),
      tokens.map((t) => t.userId),
      tokens.map((t) => t.tokenHash),
      tokens.map((t) => t.device),
      tokens.map((t) => t.createdAt),
      tokens.map((t) => t.lastUsedAt),
      tokens.map((t) => t.revokedAt),
      tokens.map((t) => t.expiresAt),
    ],
  );
  let events = 0;
  let batch: StoredEvent[] = [];
  const flush = async () => {
    await insertEvents(client, batch);
    events += batch.length;
    batch = [];
  };
  for (const event of snapshot.events) {
    batch.push(event);
    if (batch.length >= EVENTS_PER_STATEMENT) await flush();
  }
  await flush();
  await client.query(
    `INSERT INTO event_heads (user_id, seq)
     SELECT users.id, COALESCE(MAX(events.seq), 0) FROM users LEFT JOIN events ON events.user_id = users.id
     GROUP BY users.id`,
  );
  await client.query("UPDATE server_meta SET value = $1 WHERE key = 'id'", [snapshot.identity]);
  return { users: users.length, tokens: tokens.length, events };
}

async function insertEvents(client: PoolClient, rows: readonly StoredEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO events (user_id, seq, id, card_key, type, at, device_id, payload)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[])`,
    [
      rows.map((e) => e.userId),
      rows.map((e) => e.seq),
      rows.map((e) => e.id),
      rows.map((e) => e.cardKey),
      rows.map((e) => e.type),
      rows.map((e) => e.at),
      rows.map((e) => e.deviceId),
      rows.map((e) => e.payloadJson),
    ],
  );
}
