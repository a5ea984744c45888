import { unzipSync } from 'fflate';
import { packageError, reason } from './package-error.js';

/** A zip archive in memory whose entries are inflated only when read. */
export interface ZipReader {
  /** Entry name → uncompressed size in bytes, as the zip's directory records it. */
  readonly sizes: ReadonlyMap<string, number>;
  /** The entry's bytes, inflated; undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined;
}

/**
 * Reads the directory of the zip in `bytes`. Throws an `anki-package` error, prefixed with
 * `label`, when `bytes` is not a zip, and from `read` when an entry cannot be inflated.
 */
export function openZip(bytes: Uint8Array, label: string): ZipReader {
  const sizes = new Map<string, number>();
  try {
    unzipSync(bytes, {
      filter: (file) => {
        sizes.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch {
    throw packageError(label, 'not a zip file, so not an Anki package');
  }
  return {
    sizes,
    read(name) {
      if (!sizes.has(name)) return undefined;
      try {
        return unzipSync(bytes, { filter: (file) => file.name === name })[name];
      } catch (error) {
        throw packageError(label, `zip entry "${name}" cannot be unpacked (${reason(error)})`);
      }
    },
  };
}
