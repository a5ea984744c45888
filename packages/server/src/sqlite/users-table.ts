import { toUser, type UserRow } from '../rows.js';
import type { NewUser, UserRecord } from '../store.js';
import type { Db } from './database.js';

/** Names are one whatever their case: compared COLLATE NOCASE, unique by `users_name_nocase`. */
export class UsersTable {
  private readonly insertStmt;
  private readonly byNameStmt;

  constructor(db: Db) {
    // No conflict target: a clash on either unique index (the name, or the name without case) is a taken name.
    this.insertStmt = db.prepare<[string, Buffer, Buffer, string, number], { id: number }>(
      `INSERT INTO users (name, password_hash, salt, params, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
    );
    this.byNameStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ? COLLATE NOCASE');
  }

  /** Undefined when the name is taken. */
  insert(user: NewUser): UserRecord | undefined {
    const { hash, salt, params } = user.password;
    const row = this.insertStmt.get(user.name, hash, salt, JSON.stringify(params), user.createdAt);
    return row ? { ...user, id: row.id } : undefined;
  }

  byName(name: string): UserRecord | undefined {
    const row = this.byNameStmt.get(name);
    return row ? toUser(row) : undefined;
  }
}
