import { type Zippable, zipSync } from 'fflate';
import { checkPackageData } from './check-package.js';
import { COLLECTION_FILES } from './choose-collection.js';
import type { AnkiPackageData } from './model.js';
import { placeholderCollection } from './placeholder.js';
import { encodePackageVersion } from './protos.js';
import { writeSchema11 } from './write-schema11.js';

/** The package generations this writer writes: both hold a schema-11 collection. */
export type AnkiWriteVersion = 'legacy1' | 'legacy2';

export interface WriteAnkiPackageOptions {
  /** When the package is made, ms since the epoch: the collection's creation and modification time. */
  now: number;
  /**
   * `legacy2` (the default): collection.anki21 named by a `meta` entry, beside the placeholder
   * collection.anki2 Anki 2.0 would find, as Anki writes packages for older clients; every Anki
   * since 2.1 and AnkiDroid import it. `legacy1`: collection.anki2 alone, as Anki 2.0 wrote them.
   */
  version?: AnkiWriteVersion;
}

const STORED = { level: 0 } as const;
const DEFLATED = { level: 6 } as const;

/**
 * An Anki package (.apkg) of `data`, as bytes. Deterministic: the same data and `now` give the
 * same bytes. Media files are stored in zip entries `0`, `1`, … named in the JSON `media` list.
 * Throws an `anki-export` InvalidInputError, naming the problem, for data Anki would not take or
 * the format cannot carry (see checkPackageData).
 */
export function writeAnkiPackage(data: AnkiPackageData, options: WriteAnkiPackageOptions): Uint8Array {
  checkPackageData(data);
  const { now, version = 'legacy2' } = options;
  const entries: Zippable = {};
  if (version === 'legacy2') {
    entries.meta = [encodePackageVersion(2), STORED];
    entries[COLLECTION_FILES.legacy2] = [writeSchema11(data, now), DEFLATED];
    entries[COLLECTION_FILES.legacy1] = [placeholderCollection(now), DEFLATED];
  } else {
    entries[COLLECTION_FILES.legacy1] = [writeSchema11(data, now), DEFLATED];
  }
  const list = Object.fromEntries(data.media.map((file, i) => [String(i), file.name]));
  entries.media = [new TextEncoder().encode(JSON.stringify(list)), DEFLATED];
  data.media.forEach((file, i) => {
    entries[String(i)] = [file.data, STORED];
  });
  return zipSync(entries, { mtime: new Date(now) });
}
