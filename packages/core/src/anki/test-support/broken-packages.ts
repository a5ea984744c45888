// Test support, never shipped: packages no reader should accept, each made from grill's sample
// package, with the words the reader's one-line error says about it.
import { unzipSync, zipSync } from 'fflate';
import { editCollection, latestCollection, zstd } from './latest-package.js';
import { SAMPLE, SAMPLE_NOW, samplePackage } from './sample-collection.js';

export interface BrokenPackage {
  name: string;
  bytes: Uint8Array;
  /** Words of the error message. */
  says: string;
}

const zip = (entries: Record<string, Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: 0 }]])));

/** Not a zip, no collection, a corrupt database, an unknown schema version. */
export async function brokenPackages(): Promise<BrokenPackage[]> {
  const latest = unzipSync(await samplePackage('latest'));
  const unknownSchema = editCollection(latestCollection(SAMPLE, SAMPLE_NOW), 'UPDATE col SET ver = 99');
  return [
    { name: 'text.apkg', bytes: new TextEncoder().encode('# a deck\n'), says: 'not a zip file' },
    { name: 'empty.apkg', bytes: zip({ media: new Uint8Array() }), says: 'no Anki collection inside' },
    {
      name: 'corrupt.apkg',
      bytes: zip({ ...latest, 'collection.anki21b': await zstd(new Uint8Array(4096).fill(7)) }),
      says: 'collection.anki21b',
    },
    {
      name: 'schema.apkg',
      bytes: zip({ ...latest, 'collection.anki21b': await zstd(unknownSchema) }),
      says: 'schema version 99',
    },
  ];
}
