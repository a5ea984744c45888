import { type TokenRow, toToken } from '../rows.js';
import type { NewToken, TokenOwner, TokenRecord } from '../store.js';
import type { Queryable } from './pool.js';

/** A token is live while it is neither revoked nor past its `expires_at` (NULL: no expiry). */
export const tokensTable = {
  async insert(q: Queryable, token: NewToken): Promise<void> {
    await q.query(
      'INSERT INTO tokens (id, user_id, token_hash, device, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [token.id, token.userId, token.tokenHash, token.device, token.createdAt, token.expiresAt],
    );
  },

  async use(q: Queryable, tokenHash: string, now: number): Promise<TokenOwner | undefined> {
    const { rows } = await q.query<TokenOwner>(
      `UPDATE tokens SET last_used_at = $2
       WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
       RETURNING id AS "tokenId", user_id AS "userId",
         (SELECT name FROM users WHERE users.id = tokens.user_id) AS username`,
      [tokenHash, now],
    );
    return rows[0];
  },

  async expired(q: Queryable, tokenHash: string, now: number): Promise<boolean> {
    const { rowCount } = await q.query(
      `SELECT 1 FROM tokens
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= $2`,
      [tokenHash, now],
    );
    return (rowCount ?? 0) > 0;
  },

  async list(q: Queryable, userId: number, now: number): Promise<TokenRecord[]> {
    // Ids compared byte by byte, as SQLite does, whatever the database's collation.
    const { rows } = await q.query<TokenRow>(
      `SELECT id, device, created_at, last_used_at, expires_at FROM tokens
       WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
       ORDER BY created_at, id COLLATE "C"`,
      [userId, now],
    );
    return rows.map(toToken);
  },

  async revoke(q: Queryable, userId: number, tokenId: string, now: number): Promise<boolean> {
    const { rowCount } = await q.query(
      'UPDATE tokens SET revoked_at = $3 WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL',
      [userId, tokenId, now],
    );
    return (rowCount ?? 0) > 0;
  },
};
