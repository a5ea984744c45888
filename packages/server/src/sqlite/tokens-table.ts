import { type TokenRow, toToken } from '../rows.js';
import type { NewToken, TokenOwner, TokenRecord } from '../store.js';
import type { Db } from './database.js';

/** A token is live while it is neither revoked nor past its `expires_at` (NULL: no expiry). */
export class TokensTable {
  private readonly insertStmt;
  private readonly useStmt;
  private readonly expiredStmt;
  private readonly listStmt;
  private readonly revokeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string, number, number | null]>(
      'INSERT INTO tokens (id, user_id, token_hash, device, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.useStmt = db.prepare<
      { now: number; hash: string },
      { tokenId: string; userId: number; username: string }
    >(
      `UPDATE tokens SET last_used_at = :now
       WHERE token_hash = :hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
       RETURNING id AS tokenId, user_id AS userId, (SELECT name FROM users WHERE users.id = user_id) AS username`,
    );
    this.expiredStmt = db
      .prepare<{ now: number; hash: string }, number>(
        `SELECT 1 FROM tokens
         WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= :now`,
      )
      .pluck();
    this.listStmt = db.prepare<{ userId: number; now: number }, TokenRow>(
      `SELECT id, device, created_at, last_used_at, expires_at FROM tokens
       WHERE user_id = :userId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
       ORDER BY created_at, id`,
    );
    this.revokeStmt = db.prepare<[number, string, number]>(
      'UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
    );
  }

  insert(token: NewToken): void {
    this.insertStmt.run(
      token.id,
      token.userId,
      token.tokenHash,
      token.device,
      token.createdAt,
      token.expiresAt,
    );
  }

  use(tokenHash: string, now: number): TokenOwner | undefined {
    return this.useStmt.get({ now, hash: tokenHash });
  }

  expired(tokenHash: string, now: number): boolean {
    return this.expiredStmt.get({ now, hash: tokenHash }) !== undefined;
  }

  list(userId: number, now: number): TokenRecord[] {
    return this.listStmt.all({ userId, now }).map(toToken);
  }

  revoke(userId: number, tokenId: string, now: number): boolean {
    return this.revokeStmt.run(now, tokenId, userId).changes > 0;
  }
}
