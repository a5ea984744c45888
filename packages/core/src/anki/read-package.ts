import { readFileSync } from 'node:fs';
import { GrillError } from '../errors.js';
import { chooseCollection } from './choose-collection.js';
import { readCards, readNotes, readRevlog } from './collection-rows.js';
import { readMediaIndex } from './media.js';
import type { AnkiCollection } from './model.js';
import { type CollectionDb, openCollection } from './open-collection.js';
import { packageError, reason } from './package-error.js';
import { readSchema11 } from './schema11.js';
import { readSchema18 } from './schema18.js';
import { openZip } from './zip.js';
import { unzstd } from './zstd.js';

/** Schema versions of the collection layouts this reader knows; 15 moved decks and note types to tables. */
const MIN_SCHEMA = 11;
const FIRST_TABLES_SCHEMA = 15;
const MAX_SCHEMA = 18;

/**
 * Reads an Anki package, `.apkg` (decks) or `.colpkg` (a whole collection), of any generation:
 * collection.anki2, collection.anki21 or collection.anki21b (see `chooseCollection` for which one
 * counts). `file` is a path or the package's bytes. Reads everything but the media bytes, which
 * `readMedia` unpacks on demand from the package kept in memory. Writes nothing to disk.
 * Throws an `InvalidInputError` (code `anki-package`) whose one-line message names the file and
 * what is wrong: unreadable file, not a zip, no collection, unknown version, corrupt data.
 */
export function readAnkiPackage(file: string | Uint8Array): AnkiCollection {
  const label = typeof file === 'string' ? file : 'Anki package';
  const zip = openZip(typeof file === 'string' ? readPackageFile(file) : file, label);
  const { version, file: collectionFile } = chooseCollection(zip, label);
  const stored = zip.read(collectionFile) ?? new Uint8Array();
  const bytes = version === 'latest' ? unzstd(stored, label, collectionFile) : stored;
  const db = openCollection(bytes, label, collectionFile);
  let contents: Omit<AnkiCollection, 'version' | 'collectionFile' | 'media' | 'readMedia'>;
  try {
    contents = readContents(db);
  } catch (error) {
    if (error instanceof GrillError) throw error;
    throw packageError(label, `${collectionFile} cannot be read (${reason(error)})`);
  } finally {
    db.close();
  }
  const media = readMediaIndex(zip, version, label);
  return { version, collectionFile, ...contents, media: media.files, readMedia: media.read };
}

function readPackageFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw packageError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${reason(error)})`);
  }
}

function readContents(db: CollectionDb) {
  const col = db.prepare('SELECT ver FROM col').get() as { ver: number } | undefined;
  if (col === undefined) throw new Error('its col table is empty');
  const schema = col.ver;
  if (!(schema >= MIN_SCHEMA && schema <= MAX_SCHEMA)) {
    throw new Error(`schema version ${schema} is not one this reader knows (${MIN_SCHEMA} to ${MAX_SCHEMA})`);
  }
  const { decks, noteTypes } = schema >= FIRST_TABLES_SCHEMA ? readSchema18(db) : readSchema11(db);
  return { schema, decks, noteTypes, notes: readNotes(db), cards: readCards(db), revlog: readRevlog(db) };
}
