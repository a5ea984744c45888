import type { NewToken, TokenOwner, TokenRecord } from '../store.js';
import type { Db } from './database.js';

interface TokenRow {
  id: string;
  device: string;
  created_at: number;
  last_used_at: number | null;
}

function toToken(r: TokenRow): TokenRecord {
  return { id: r.id, device: r.device, createdAt: r.created_at, lastUsedAt: r.last_used_at };
}

export class TokensTable {
  private readonly insertStmt;
  private readonly useStmt;
  private readonly listStmt;
  private readonly revokeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string, number]>(
      'INSERT INTO tokens (id, user_id, token_hash, device, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.useStmt = db.prepare<[number, string], { tokenId: string; userId: number; username: string }>(
      `UPDATE tokens SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL
       RETURNING id AS tokenId, user_id AS userId, (SELECT name FROM users WHERE users.id = user_id) AS username`,
    );
    this.listStmt = db.prepare<[number], TokenRow>(
      `SELECT id, device, created_at, last_used_at FROM tokens
       WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id`,
    );
    this.revokeStmt = db.prepare<[number, string, number]>(
      'UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
    );
  }

  insert(token: NewToken): void {
    this.insertStmt.run(token.id, token.userId, token.tokenHash, token.device, token.createdAt);
  }

  use(tokenHash: string, now: number): TokenOwner | undefined {
    return this.useStmt.get(now, tokenHash);
  }

  list(userId: number): TokenRecord[] {
    return this.listStmt.all(userId).map(toToken);
  }

  revoke(userId: number, tokenId: string, now: number): boolean {
    return this.revokeStmt.run(now, tokenId, userId).changes > 0;
  }
}
