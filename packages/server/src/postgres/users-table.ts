import { toUser, type UserRow } from '../rows.js';
import type { NewUser, UserRecord } from '../store.js';
import type { Queryable } from './pool.js';

/** Names are one whatever their case: unique by `users_name_nocase` (lower(name)). */
export const usersTable = {
  /** Undefined when the name is taken. */
  async insert(q: Queryable, user: NewUser): Promise<UserRecord | undefined> {
    const { hash, salt, params } = user.password;
    // No conflict target: a clash on either unique index (the name, or lower(name)) is a taken name.
    const { rows } = await q.query<{ id: number }>(
      `INSERT INTO users (name, password_hash, salt, params, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [user.name, hash, salt, JSON.stringify(params), user.createdAt],
    );
    const row = rows[0];
    return row ? { ...user, id: row.id } : undefined;
  },

  async byName(q: Queryable, name: string): Promise<UserRecord | undefined> {
    const { rows } = await q.query<UserRow>(
      'SELECT id, name, password_hash, salt, params, created_at FROM users WHERE lower(name) = lower($1)',
      [name],
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  },
};
