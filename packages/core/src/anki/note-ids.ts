// The ids a note's cards get in grill: from its guid, which stays the same across exports.
import { createHash } from 'node:crypto';

/** A hash of `text` in base 36: 48 bits of its SHA-256 (at most 10 characters). */
export function hash36(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().readUIntBE(0, 6).toString(36);
}

/** The card id of the note with `guid`: `n-` and a hash of it (a reverse card adds `-r`). */
export function noteCardId(guid: string): string {
  return `n-${hash36(guid)}`;
}
