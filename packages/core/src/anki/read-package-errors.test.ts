import Database from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { AnkiPackageVersion } from './model.js';
import { readAnkiPackage } from './read-package.js';
import { samplePackage } from './test-support/sample-collection.js';

// The entries of grill's own sample package of each generation (test-support/).
const real: Partial<Record<AnkiPackageVersion, Record<string, Uint8Array>>> = {};
const entriesOf = (version: AnkiPackageVersion) => ({ ...real[version] });
beforeAll(async () => {
  for (const version of ['legacy1', 'legacy2', 'latest'] as const) {
    real[version] = unzipSync(await samplePackage(version));
  }
});
const zip = (entries: Record<string, Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: 0 }]])));
const utf8 = (s: string) => new TextEncoder().encode(s);
const meta = (version: number) => new Uint8Array([0x08, version]);

/** The error `read` throws: always an `anki-package` InvalidInputError of one line. */
function failure(read: () => unknown): InvalidInputError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.code).toBe('anki-package');
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error('expected the read to fail');
}

describe('readAnkiPackage errors', () => {
  it('a missing file', () => {
    expect(failure(() => readAnkiPackage('/nonexistent/deck.apkg')).message).toBe(
      '/nonexistent/deck.apkg: no such file',
    );
  });

  it('a file that is not a zip', () => {
    expect(failure(() => readAnkiPackage(utf8('# just a markdown deck\n'))).message).toBe(
      'Anki package: not a zip file, so not an Anki package',
    );
    expect(failure(() => readAnkiPackage(new Uint8Array())).message).toMatch(/not a zip file/);
  });

  it('a zip without a collection', () => {
    expect(failure(() => readAnkiPackage(zip({ media: utf8('{}') }))).message).toBe(
      'Anki package: no Anki collection inside (collection.anki21b, collection.anki21 or collection.anki2)',
    );
  });

  it('a package version from a newer Anki, or none', () => {
    const placeholder = entriesOf('legacy2')['collection.anki2'] ?? new Uint8Array();
    expect(
      failure(() => readAnkiPackage(zip({ meta: meta(4), 'collection.anki2': placeholder }))).message,
    ).toBe('Anki package: unsupported package version 4 (known: 1 to 3); it may come from a newer Anki');
    const none = zip({ meta: new Uint8Array(), 'collection.anki2': placeholder });
    expect(failure(() => readAnkiPackage(none)).message).toMatch(/unsupported package version 0/);
  });

  it('an unreadable meta', () => {
    const truncated = zip({ meta: new Uint8Array([0x08]), 'collection.anki21': new Uint8Array() });
    expect(failure(() => readAnkiPackage(truncated)).message).toMatch(
      /^Anki package: its "meta" entry is unreadable/,
    );
  });

  it('a meta naming a collection the package lacks: the placeholder is not read instead', () => {
    const { 'collection.anki21b': _, ...rest } = entriesOf('latest');
    expect(failure(() => readAnkiPackage(zip(rest))).message).toBe(
      'Anki package: its "meta" says package version 3, but collection.anki21b is missing',
    );
  });

  it('corrupt or truncated zstd data', () => {
    const entries = entriesOf('latest');
    const broken = (collection: Uint8Array) => zip({ ...entries, 'collection.anki21b': collection });
    expect(failure(() => readAnkiPackage(broken(utf8('SQLite format 3')))).message).toMatch(
      /^Anki package: collection\.anki21b is not valid zstd data \(.+\)$/,
    );
    const whole = entries['collection.anki21b'] ?? new Uint8Array();
    expect(failure(() => readAnkiPackage(broken(whole.subarray(0, whole.length / 2)))).message).toMatch(
      /collection\.anki21b is not valid zstd data/,
    );
    const media = zip({ ...entries, media: utf8('not zstd') });
    expect(failure(() => readAnkiPackage(media)).message).toMatch(/the "media" entry is not valid zstd data/);
  });

  it('a collection that is not a SQLite database, or not an Anki one', () => {
    const garbage = zip({ 'collection.anki21': utf8('garbage') });
    expect(failure(() => readAnkiPackage(garbage)).message).toBe(
      'Anki package: collection.anki21 is not a SQLite database',
    );
    const db = new Database(':memory:');
    db.exec('CREATE TABLE notes (id INTEGER)');
    const other = zip({ 'collection.anki2': db.serialize() });
    db.close();
    expect(failure(() => readAnkiPackage(other)).message).toBe(
      'Anki package: collection.anki2 is not an Anki collection (no such table: col)',
    );
  });

  it('a collection whose tables are damaged', () => {
    const collection = entriesOf('legacy1')['collection.anki2'] ?? new Uint8Array();
    const db = new Database(Buffer.from(collection));
    db.exec('UPDATE col SET models = \'{"1": {"name": 5}}\'');
    const badModels = zip({ 'collection.anki2': db.serialize() });
    db.exec("UPDATE col SET models = '{}', ver = 19");
    const tooNew = zip({ 'collection.anki2': db.serialize() });
    db.exec(
      'UPDATE col SET ver = 11; UPDATE notes SET id = 1152921504606846976 WHERE id = (SELECT min(id) FROM notes)',
    );
    const hugeId = zip({ 'collection.anki2': db.serialize() });
    db.close();
    expect(failure(() => readAnkiPackage(badModels)).message).toMatch(
      /^Anki package: collection\.anki2 cannot be read \(col\.models\.1\.name: .+\)$/,
    );
    expect(failure(() => readAnkiPackage(tooNew)).message).toBe(
      'Anki package: collection.anki2 cannot be read (schema version 19 is not one this reader knows (11 to 18))',
    );
    // Rounded, it could collide with another id: better refused than merged.
    expect(failure(() => readAnkiPackage(hugeId)).message).toBe(
      'Anki package: collection.anki2 cannot be read (id is 1152921504606846976, not an integer this reader can keep exactly)',
    );
  });

  it('a legacy media list that is not JSON', () => {
    const entries = entriesOf('legacy1');
    expect(failure(() => readAnkiPackage(zip({ ...entries, media: utf8('0=foo.wav') }))).message).toBe(
      'Anki package: its "media" entry is not the JSON list legacy packages carry',
    );
  });

  it('a zip entry whose compressed data is corrupt', () => {
    const entries = entriesOf('legacy1');
    const bytes = zipSync({
      'collection.anki2': [entries['collection.anki2'] ?? new Uint8Array(), { level: 6 }],
    });
    const view = new DataView(bytes.buffer);
    const dataStart = 30 + view.getUint16(26, true) + view.getUint16(28, true);
    bytes[dataStart] = 0b111; // a final deflate block of the reserved type 3
    expect(failure(() => readAnkiPackage(bytes)).message).toMatch(
      /^Anki package: zip entry "collection\.anki2" cannot be unpacked \(.+\)$/,
    );
  });
});
