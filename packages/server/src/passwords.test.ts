import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from './passwords.js';
import { FAST_SCRYPT } from './test-support/helpers.js';

describe('passwords', () => {
  it('hashes with the OWASP scrypt cost by default and stores the params with the hash', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const stored = await hashPassword('correct horse battery', DEFAULT_SCRYPT_COST);
    expect(stored.params).toEqual({ algorithm: 'scrypt', N: 131072, r: 8, p: 1, keyLength: 32 });
    expect(stored.salt).toHaveLength(16);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('uses a fresh random salt each time', async () => {
    const a = await hashPassword('same password', FAST_SCRYPT);
    const b = await hashPassword('same password', FAST_SCRYPT);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
  });

  it('verifies with the params stored with the hash, not the current cost', async () => {
    const stored = await hashPassword('old password', { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPassword('old password', stored)).toBe(true);
  });
});
