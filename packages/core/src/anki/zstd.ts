import { decompress } from 'fzstd';
import { packageError, reason } from './package-error.js';

/** Decompresses zstd `bytes` (Anki's latest packages compress the collection and media so). */
export function unzstd(bytes: Uint8Array, label: string, what: string): Uint8Array {
  try {
    return decompress(bytes);
  } catch (error) {
    throw packageError(label, `${what} is not valid zstd data (${reason(error)})`);
  }
}
