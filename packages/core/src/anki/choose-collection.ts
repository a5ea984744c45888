import type { AnkiPackageVersion } from './model.js';
import { packageError, reason } from './package-error.js';
import { decodePackageVersion } from './protos.js';
import type { ZipReader } from './zip.js';

/** The zip entry holding each generation's collection (SQLite; zstd-compressed in `latest`). */
export const COLLECTION_FILES: Readonly<Record<AnkiPackageVersion, string>> = {
  legacy1: 'collection.anki2',
  legacy2: 'collection.anki21',
  latest: 'collection.anki21b',
};

/** `PackageMetadata.Version` numbers (import_export.proto). */
const META_VERSIONS: Readonly<Record<number, AnkiPackageVersion>> = {
  1: 'legacy1',
  2: 'legacy2',
  3: 'latest',
};

export interface CollectionChoice {
  version: AnkiPackageVersion;
  /** Its zip entry, one of COLLECTION_FILES. */
  file: string;
}

/**
 * Which collection of the package holds its data. Packages from Anki 2.1.50 on say so in their
 * `meta` entry and also carry a `collection.anki2` whose only note asks to update Anki: that
 * placeholder is never the answer when a newer collection is there. Older packages have no `meta`:
 * then the newest collection present is the real one (Anki 2.1 also left a placeholder
 * collection.anki2 beside its collection.anki21). Throws an `anki-package` error when the package
 * has no collection, a `meta` it cannot read, or a version this reader does not know.
 */
export function chooseCollection(zip: ZipReader, label: string): CollectionChoice {
  const meta = zip.read('meta');
  if (meta === undefined) {
    for (const version of ['latest', 'legacy2', 'legacy1'] as const) {
      const file = COLLECTION_FILES[version];
      if (zip.sizes.has(file)) return { version, file };
    }
    throw packageError(
      label,
      'no Anki collection inside (collection.anki21b, collection.anki21 or collection.anki2)',
    );
  }
  let number: number;
  try {
    number = decodePackageVersion(meta);
  } catch (error) {
    throw packageError(label, `its "meta" entry is unreadable (${reason(error)})`);
  }
  const version = META_VERSIONS[number];
  if (version === undefined) {
    throw packageError(
      label,
      `unsupported package version ${number} (known: 1 to 3); it may come from a newer Anki`,
    );
  }
  const file = COLLECTION_FILES[version];
  if (!zip.sizes.has(file)) {
    throw packageError(label, `its "meta" says package version ${number}, but ${file} is missing`);
  }
  return { version, file };
}
