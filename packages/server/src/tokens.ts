import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url. Shown to the client once, never stored. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of the token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
