import { createHash } from 'node:crypto';

/** The 91 characters Anki writes note guids with (rslib/src/notes: the printable ASCII less `"'\ ` and space). */
const GUID_DIGITS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/**
 * A note guid made from `seed`: the first 64 bits of the seed's SHA-256, written in Anki's 91
 * digits (Anki draws a random 64-bit number and writes it so). The same seed always gives the
 * same guid, which is how Anki recognises a note it imported before: it updates it instead of
 * adding a copy. Whoever knows the seeds can also tell its own notes from a package's guids.
 */
export function ankiGuid(seed: string): string {
  let n = createHash('sha256').update(seed, 'utf8').digest().readBigUInt64BE(0);
  const base = BigInt(GUID_DIGITS.length);
  let guid = '';
  do {
    guid = GUID_DIGITS[Number(n % base)] + guid;
    n /= base;
  } while (n > 0n);
  return guid;
}
