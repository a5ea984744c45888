// Test support, never shipped: packages of the latest generation (Anki 2.1.50+), written as Anki
// writes them (rslib/src/import_export/package/colpkg/export.rs): `meta` saying version 3; the
// collection in schema 18 (storage/upgrades: decks, note types, their fields and templates, deck
// options in tables of their own, settings as protobuf blobs), in WAL mode, zstd-compressed as
// collection.anki21b; beside it the placeholder collection.anki2 older Ankis would read; the
// media list as zstd-compressed protobuf `MediaEntries`, each file zstd-compressed in the entry
// named by its position in the list.
import { createHash } from 'node:crypto';
import { compress, init as initZstd } from '@bokuweb/zstd-wasm';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { checkPackageData, DEFAULT_DECK_ID } from '../check-package.js';
import type { AnkiDeck, AnkiNoteType, AnkiPackageData } from '../model.js';
import { placeholderCollection } from '../placeholder.js';
import { encodePackageVersion } from '../protos.js';
import { USN_UNSYNCED } from '../schema11-json.js';
import { SCHEMA11_SQL } from '../schema11-sql.js';
import { writeRows } from '../write-rows.js';

const LEN = WireType.LengthDelimited;
const VARINT = WireType.Varint;

/** Tables and indexes schema 18 adds to schema 11's (whose `graves` it lays out anew). */
const SCHEMA18_SQL = `
${SCHEMA11_SQL}
DROP TABLE graves;
CREATE TABLE graves (
  oid integer NOT NULL,
  type integer NOT NULL,
  usn integer NOT NULL,
  PRIMARY KEY (oid, type)
) WITHOUT ROWID;
CREATE INDEX idx_graves_pending ON graves (usn);
CREATE TABLE deck_config (
  id integer PRIMARY KEY NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL
);
CREATE TABLE config (
  KEY text NOT NULL PRIMARY KEY,
  usn integer NOT NULL,
  mtime_secs integer NOT NULL,
  val blob NOT NULL
) WITHOUT ROWID;
CREATE TABLE tags (
  tag text NOT NULL PRIMARY KEY COLLATE unicase,
  usn integer NOT NULL,
  collapsed boolean NOT NULL,
  config blob NULL
) WITHOUT ROWID;
CREATE TABLE fields (
  ntid integer NOT NULL,
  ord integer NOT NULL,
  name text NOT NULL COLLATE unicase,
  config blob NOT NULL,
  PRIMARY KEY (ntid, ord)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (
  ntid integer NOT NULL,
  ord integer NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL,
  PRIMARY KEY (ntid, ord)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE INDEX idx_templates_usn ON templates (usn);
CREATE TABLE notetypes (
  id integer NOT NULL PRIMARY KEY,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL
);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE INDEX idx_notetypes_usn ON notetypes (usn);
CREATE TABLE decks (
  id integer PRIMARY KEY NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  common blob NOT NULL,
  kind blob NOT NULL
);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE INDEX idx_notes_mid ON notes (mid);
CREATE INDEX idx_cards_odid ON cards (odid) WHERE odid != 0;
`;

/**
 * Anki's `unicase` collation, which only Anki registers: SQLite will not write a table declared
 * with it. The tables are made and written with NOCASE, and the schema says unicase again before
 * the file is taken, as Anki's file says.
 */
function setCollation(db: Database.Database, from: string, to: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_schema SET sql = replace(sql, 'COLLATE ${from}', 'COLLATE ${to}')`).run();
  db.pragma('writable_schema = RESET');
  db.unsafeMode(false);
}

/** Bytes 18 and 19 of a SQLite header: 2 in WAL mode, which Anki keeps its collections in. */
function setWal(image: Uint8Array, wal: boolean): Uint8Array {
  image[18] = wal ? 2 : 1;
  image[19] = wal ? 2 : 1;
  return image;
}

// Protobuf messages of proto/anki (notetypes, decks, deck_config, import_export), as Anki stores
// them: the fields a collection of these notes needs, defaults left out.

function packedFloats(w: BinaryWriter, field: number, values: readonly number[]): void {
  w.tag(field, LEN).fork();
  for (const v of values) w.float(v);
  w.join();
}

/** `Notetype.Config`: kind, CSS, and each template's fields needed (any of them). */
function notetypeConfig(t: AnkiNoteType): Uint8Array {
  const w = new BinaryWriter();
  if (t.kind === 'cloze') w.tag(1, VARINT).int32(1);
  w.tag(3, LEN).string(t.css);
  t.templates.forEach((template, ord) => {
    const fields = t.fields.flatMap((name, i) => (template.qfmt.includes(`${name}}}`) ? [i] : []));
    w.tag(8, LEN).fork();
    if (ord > 0) w.tag(1, VARINT).uint32(ord);
    w.tag(2, VARINT).int32(fields.length > 0 ? 1 : 0);
    if (fields.length > 0) {
      w.tag(3, LEN).fork();
      for (const f of fields) w.uint32(f);
      w.join();
    }
    w.join();
  });
  return w.finish();
}

/** `Notetype.Field.Config`: the editor's font. */
const fieldConfig = () => new BinaryWriter().tag(3, LEN).string('Arial').tag(4, VARINT).uint32(20).finish();

/** `Notetype.Template.Config`: question and answer formats. */
const templateConfig = (qfmt: string, afmt: string) =>
  new BinaryWriter().tag(1, LEN).string(qfmt).tag(2, LEN).string(afmt).finish();

/** `Deck.KindContainer`: a normal deck (its options, its description) or a filtered one (its search). */
function deckKind(deck: AnkiDeck): Uint8Array {
  const w = new BinaryWriter();
  if (deck.filtered) {
    w.tag(2, LEN).fork().tag(1, VARINT).bool(true);
    w.tag(2, LEN).fork().tag(1, LEN).string('is:due').tag(2, VARINT).uint32(100).join();
    w.join();
  } else {
    w.tag(1, LEN).fork().tag(1, VARINT).int64(1);
    if (deck.description) w.tag(4, LEN).string(deck.description);
    w.join();
  }
  return w.finish();
}

/** `DeckConfig.Config`: Anki's default deck options. */
function deckConfig(): Uint8Array {
  const w = new BinaryWriter();
  packedFloats(w, 1, [1, 10]); // learning steps, minutes
  packedFloats(w, 2, [10]); // relearning steps
  w.tag(9, VARINT).uint32(20); // new cards a day
  w.tag(10, VARINT).uint32(200); // reviews a day
  w.tag(11, WireType.Bit32).float(2.5); // starting ease
  w.tag(12, WireType.Bit32).float(1.3); // easy bonus
  w.tag(13, WireType.Bit32).float(1.2); // hard interval
  w.tag(15, WireType.Bit32).float(1); // interval modifier
  w.tag(16, VARINT).uint32(36500); // maximum interval, days
  w.tag(17, VARINT).uint32(1); // minimum interval after a lapse
  w.tag(18, VARINT).uint32(1); // graduating interval
  w.tag(19, VARINT).uint32(4); // easy interval
  w.tag(21, VARINT).int32(1); // leech: tag only
  w.tag(22, VARINT).uint32(8); // leech threshold
  w.tag(24, VARINT).uint32(60); // answer time cap, s
  w.tag(37, WireType.Bit32).float(0.9); // desired retention
  return w.finish();
}

/** `MediaEntries`: each file's name, size and SHA-1, in entry order. */
function mediaEntries(files: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const w = new BinaryWriter();
  for (const file of files) {
    const sha1 = createHash('sha1').update(file.data).digest();
    w.tag(1, LEN).fork();
    w.tag(1, LEN).string(file.name).tag(2, VARINT).uint32(file.data.length).tag(3, LEN).bytes(sha1);
    w.join();
  }
  return w.finish();
}

/** The schema-18 SQLite file of `data` (checked first), in WAL mode, as Anki leaves it. Not compressed. */
export function latestCollection(data: AnkiPackageData, now: number): Uint8Array {
  checkPackageData(data);
  const mod = Math.floor(now / 1000);
  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA18_SQL.replaceAll('COLLATE unicase', 'COLLATE NOCASE'));
    db.prepare(
      `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
       VALUES (1, ?, ?, ?, 18, 0, 0, 0, '', '', '', '', '')`,
    ).run(mod, now, now);
    const config = db.prepare('INSERT INTO config (KEY, usn, mtime_secs, val) VALUES (?, ?, ?, ?)');
    const settings = {
      activeDecks: [DEFAULT_DECK_ID],
      curDeck: DEFAULT_DECK_ID,
      schedVer: 2,
      sched2021: true,
    };
    for (const [key, value] of Object.entries(settings))
      config.run(key, USN_UNSYNCED, mod, Buffer.from(JSON.stringify(value)));
    db.prepare('INSERT INTO deck_config VALUES (1, ?, ?, ?, ?)').run(
      'Default',
      mod,
      USN_UNSYNCED,
      deckConfig(),
    );
    const deck = db.prepare('INSERT INTO decks VALUES (?, ?, ?, ?, ?, ?)');
    for (const d of data.decks) {
      // Levels are stored separated by U+001F.
      deck.run(d.id, d.name.split('::').join('\x1f'), mod, USN_UNSYNCED, new Uint8Array(), deckKind(d));
    }
    const notetype = db.prepare('INSERT INTO notetypes VALUES (?, ?, ?, ?, ?)');
    const field = db.prepare('INSERT INTO fields VALUES (?, ?, ?, ?)');
    const template = db.prepare('INSERT INTO templates VALUES (?, ?, ?, ?, ?, ?)');
    for (const t of data.noteTypes) {
      notetype.run(t.id, t.name, mod, USN_UNSYNCED, notetypeConfig(t));
      for (const [ord, name] of t.fields.entries()) field.run(t.id, ord, name, fieldConfig());
      for (const [ord, tm] of t.templates.entries())
        template.run(t.id, ord, tm.name, mod, USN_UNSYNCED, templateConfig(tm.qfmt, tm.afmt));
    }
    const tag = db.prepare('INSERT INTO tags VALUES (?, ?, 0, NULL)');
    for (const name of new Set(data.notes.flatMap((n) => n.tags))) tag.run(name, USN_UNSYNCED);
    writeRows(db, data, mod);
    setCollation(db, 'NOCASE', 'unicase');
    return setWal(db.serialize(), true);
  } finally {
    db.close();
  }
}

/**
 * Runs `sql` on a copy of the collection file `image` (schema 11 or 18) and returns the copy,
 * in the journal mode the original was in: how tests damage or extend a package's collection.
 */
export function editCollection(image: Uint8Array, sql: string): Uint8Array {
  const wal = image[18] === 2;
  const db = new Database(Buffer.from(setWal(Uint8Array.from(image), false)));
  try {
    const unicase = db.prepare("SELECT 1 FROM sqlite_schema WHERE sql LIKE '%COLLATE unicase%'").get();
    if (unicase) setCollation(db, 'unicase', 'NOCASE');
    db.exec(sql);
    if (unicase) setCollation(db, 'NOCASE', 'unicase');
    return setWal(db.serialize(), wal);
  } finally {
    db.close();
  }
}

let zstdReady: Promise<void> | undefined;

/** zstd at Anki's level (its encoder's default, 3), once the WebAssembly encoder is loaded. */
export async function zstd(bytes: Uint8Array): Promise<Uint8Array> {
  zstdReady ??= initZstd();
  await zstdReady;
  return compress(bytes, 3);
}

/**
 * A latest-generation package of `data` made at `now` (ms). `collection` replaces the collection
 * file written from `data` (see editCollection); the media list still comes from `data`.
 */
export async function writeLatestPackage(
  data: AnkiPackageData,
  options: { now: number; collection?: Uint8Array },
): Promise<Uint8Array> {
  const collection = options.collection ?? latestCollection(data, options.now);
  const stored = { level: 0 } as const;
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {
    meta: [encodePackageVersion(3), stored],
    'collection.anki21b': [await zstd(collection), stored],
    'collection.anki2': [placeholderCollection(options.now), stored],
    media: [await zstd(mediaEntries(data.media)), stored],
  };
  for (const [i, file] of data.media.entries()) entries[String(i)] = [await zstd(file.data), stored];
  return zipSync(entries, { mtime: new Date(options.now) });
}
