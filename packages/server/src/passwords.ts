import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (128 MiB, about a quarter second per hash). */
export const DEFAULT_SCRYPT_COST: ScryptCost = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Stored with each hash so the cost can change without breaking existing accounts. */
export interface PasswordParams extends ScryptCost {
  algorithm: 'scrypt';
  keyLength: number;
}

export interface PasswordHash {
  hash: Buffer;
  salt: Buffer;
  params: PasswordParams;
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

export async function hashPassword(
  password: string,
  cost: ScryptCost,
  salt: Buffer = newSalt(),
): Promise<PasswordHash> {
  const params: PasswordParams = {
    algorithm: 'scrypt',
    N: cost.N,
    r: cost.r,
    p: cost.p,
    keyLength: KEY_BYTES,
  };
  return { hash: await derive(password, salt, params), salt, params };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const hash = await derive(password, stored.salt, stored.params);
  return hash.length === stored.hash.length && timingSafeEqual(hash, stored.hash);
}

function derive(password: string, salt: Buffer, params: PasswordParams): Promise<Buffer> {
  const { N, r, p, keyLength } = params;
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default).
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
