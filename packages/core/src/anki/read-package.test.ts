import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnkiCollection, AnkiPackageVersion } from './model.js';
import { PLACEHOLDER_TEXT } from './placeholder.js';
import { readAnkiPackage } from './read-package.js';
import { BASIC, BASIC_AND_REVERSED, BASIC_TYPE_IN, CLOZE } from './stock-note-types.js';
import { editCollection, latestCollection, writeLatestPackage, zstd } from './test-support/latest-package.js';
import {
  CARD,
  DECK,
  IMAGE,
  IMAGE_NAME,
  NOTE,
  SAMPLE,
  SAMPLE_NOW,
  samplePackage,
} from './test-support/sample-collection.js';
import { writeAnkiPackage } from './write-package.js';

// Every package here is written by grill's own writers (test-support/) from grill's own notes.

/** A package of `entries`, stored (Anki stores its zstd entries uncompressed in the zip too). */
const zip = (entries: Record<string, Uint8Array | undefined>) =>
  zipSync(
    Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v ?? new Uint8Array(), { level: 0 }]])),
  );

const COLLECTION_FILE = {
  legacy1: 'collection.anki2',
  legacy2: 'collection.anki21',
  latest: 'collection.anki21b',
} as const;

/** Every reference between the tables resolves, and notes have their note type's fields. */
function expectConsistent(col: AnkiCollection): void {
  const decks = new Set(col.decks.map((d) => d.id));
  const noteTypes = new Map(col.noteTypes.map((t) => [t.id, t]));
  const notes = new Set(col.notes.map((n) => n.id));
  for (const note of col.notes) {
    expect(note.fields).toHaveLength(noteTypes.get(note.noteTypeId)?.fields.length ?? -1);
  }
  for (const card of col.cards) {
    expect(notes.has(card.noteId)).toBe(true);
    expect(decks.has(card.deckId)).toBe(true);
  }
}

describe.each(['legacy1', 'legacy2', 'latest'] as const)('a %s package', (version: AnkiPackageVersion) => {
  let col: AnkiCollection;
  beforeAll(async () => {
    col = readAnkiPackage(await samplePackage(version));
  });

  it('is read from its collection file, of the schema its generation has', () => {
    expect(col).toMatchObject({
      version,
      collectionFile: COLLECTION_FILE[version],
      schema: version === 'latest' ? 18 : 11,
    });
    expectConsistent(col);
  });

  it('reads decks by id with full nested names and descriptions, filtered ones marked', () => {
    expect(col.decks).toEqual([
      { id: 1, name: 'Default', filtered: false, description: '' },
      { id: DECK.backend, name: 'Backend', filtered: false, description: 'Drills for backend interviews.' },
      {
        id: DECK.http,
        name: 'Backend::HTTP',
        filtered: false,
        description: 'Methods, status codes and <b>caching</b>.',
      },
      { id: DECK.sql, name: 'Backend::SQL', filtered: false, description: '' },
      { id: DECK.cram, name: 'Backend::HTTP::Cram', filtered: true, description: '' },
    ]);
  });

  it('reads note types: kind, fields and templates in order, CSS', () => {
    expect(col.noteTypes.map((t) => [t.name, t.kind, t.fields])).toEqual([
      ['Basic', 'normal', ['Front', 'Back']],
      ['Basic (and reversed card)', 'normal', ['Front', 'Back']],
      ['Basic (type in the answer)', 'normal', ['Front', 'Back']],
      ['Cloze', 'cloze', ['Text', 'Back Extra']],
    ]);
    expect(col.noteTypes.find((t) => t.id === BASIC_AND_REVERSED.id)?.templates).toEqual([
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    ]);
    expect(col.noteTypes.find((t) => t.id === BASIC_TYPE_IN.id)?.templates[0]?.qfmt).toBe(
      '{{Front}}\n\n{{type:Back}}',
    );
    expect(col.noteTypes.find((t) => t.id === CLOZE.id)?.templates).toEqual([
      { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' },
    ]);
    expect(col.noteTypes.find((t) => t.id === BASIC.id)?.css).toContain('.card {');
  });

  it('reads notes: guid, note type, HTML fields in order, tags (hierarchical ones too)', () => {
    expect(col.notes.map((n) => n.id)).toEqual(Object.values(NOTE));
    expect(col.notes[0]).toEqual({
      id: NOTE.idempotent,
      guid: 'k7#Qp,vX2a',
      noteTypeId: BASIC.id,
      fields: [
        'What does it mean that <b>PUT</b> is idempotent?',
        'Sending the same request again leaves the server as one request would.<br>Retries are safe; <code>POST</code> makes no such promise.',
      ],
      tags: ['http', 'intern'],
    });
    const keys = col.notes.find((n) => n.id === NOTE.keys);
    expect(keys?.fields[0]).toBe(
      'A {{c1::primary key::constraint}} names each row once; a {{c2::foreign key}} must match a {{c1::primary key}} of another table, and {{c3::<code>NOT NULL</code>}} forbids missing values.',
    );
    expect(keys?.fields[1]).toContain('<ul>\n<li>An index backs each key.</li>');
    const plan = col.notes.find((n) => n.id === NOTE.plan);
    expect(plan?.fields[0]).toBe(`Which step of this plan is slow?<br><img src="${IMAGE_NAME}">`);
    expect(plan?.fields[1]).toContain('&amp; no index on <code>customer_id</code>: &lt; 1&nbsp;ms');
    expect(plan?.tags).toEqual(['sql::plans', 'stretch']);
  });

  it('reads cards: a note’s cards by template or cloze number, every queue', () => {
    expect(col.cards).toHaveLength(8);
    expect(col.cards.filter((c) => c.noteId === NOTE.status).map((c) => c.ord)).toEqual([0, 1]);
    expect(col.cards.filter((c) => c.noteId === NOTE.keys).map((c) => c.ord)).toEqual([0, 1, 2]);
    expect(col.cards.find((c) => c.id === CARD.having)).toEqual({
      id: CARD.having,
      noteId: NOTE.having,
      deckId: DECK.sql,
      originalDeckId: 0,
      ord: 0,
      type: 3,
      queue: 1,
      suspended: false,
      buried: false,
      due: 1772355500,
      ivl: 1,
      factor: 2300,
      reps: 7,
      lapses: 1,
    });
    const card = (id: number) => col.cards.find((c) => c.id === id);
    expect(card(CARD.keys1)).toMatchObject({ queue: -1, suspended: true, buried: false });
    expect(card(CARD.keys2)).toMatchObject({ queue: -3, suspended: false, buried: true });
    expect(card(CARD.keys3)).toMatchObject({ queue: -2, suspended: false, buried: true });
    expect(card(CARD.statusReverse)).toMatchObject({ type: 0, queue: 0, due: 3, factor: 0 });
    expect(card(CARD.plan)).toMatchObject({ type: 1, queue: 3, due: 44 });
  });

  it('reads the home deck of a card a filtered deck borrows', () => {
    const borrowed = col.cards.filter((c) => c.originalDeckId !== 0);
    expect(borrowed).toEqual([
      expect.objectContaining({ id: CARD.idempotent, deckId: DECK.cram, originalDeckId: DECK.http }),
    ]);
    expect(col.decks.find((d) => d.id === borrowed[0]?.deckId)?.filtered).toBe(true);
  });

  it('reads the review log in order, a review of every kind', () => {
    expect(col.revlog.map((r) => r.type)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(col.revlog[0]).toEqual({
      id: 1772300003001,
      cardId: CARD.statusForward,
      ease: 3,
      ivl: -600,
      lastIvl: 0,
      factor: 2500,
      time: 6200,
      type: 0,
    });
    // Manual and rescheduled entries have no button.
    expect(col.revlog.slice(4).map((r) => [r.ease, r.ivl, r.time])).toEqual([
      [0, 30, 0],
      [0, 7, 0],
    ]);
  });

  it('lists the media and gives a file’s bytes', () => {
    expect(col.media).toEqual([{ name: IMAGE_NAME, present: true, size: IMAGE.length }]);
    expect(col.readMedia(IMAGE_NAME)).toEqual(IMAGE);
    expect(col.readMedia('other.png')).toBeUndefined();
  });

  it('lists no media when the package has none, though notes name an image', async () => {
    const none = readAnkiPackage(await samplePackage(version, { ...SAMPLE, media: [] }));
    expect(none.media).toEqual([]);
    expect(none.readMedia(IMAGE_NAME)).toBeUndefined();
    expect(none.notes.some((n) => n.fields[0]?.includes(IMAGE_NAME))).toBe(true);
  });

  it('lists a file its media list names but the package lacks, as not present', async () => {
    const { '0': _, ...rest } = unzipSync(await samplePackage(version));
    const lacking = readAnkiPackage(zip(rest));
    const size = version === 'latest' ? IMAGE.length : null;
    expect(lacking.media).toEqual([{ name: IMAGE_NAME, present: false, size }]);
    expect(lacking.readMedia(IMAGE_NAME)).toBeUndefined();
  });
});

describe('collection.anki2 alone (legacy1: Anki 2.0)', () => {
  const bytes = writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW, version: 'legacy1' });

  it('has no meta and a JSON media list: zip entry → file name, the file stored as it is', () => {
    const entries = unzipSync(bytes);
    expect(entries.meta).toBeUndefined();
    expect(JSON.parse(Buffer.from(entries.media ?? []).toString())).toEqual({ 0: IMAGE_NAME });
    expect(entries['0']).toEqual(IMAGE);
  });

  it('takes the package as bytes as well as a path', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'grill-anki-')), 'sample.apkg');
    writeFileSync(file, bytes);
    const fromPath = readAnkiPackage(file);
    expect(fromPath.notes).toEqual(readAnkiPackage(bytes).notes);
    expect(fromPath.readMedia(IMAGE_NAME)).toEqual(IMAGE);
  });
});

describe('collection.anki21 (legacy2: Anki 2.1)', () => {
  const bytes = writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW });
  const entries = unzipSync(bytes);

  it('reads the collection its meta names, not the placeholder collection.anki2 beside it', () => {
    expect(entries.meta).toEqual(new Uint8Array([0x08, 0x02]));
    const col = readAnkiPackage(bytes);
    expect(col.collectionFile).toBe('collection.anki21');
    expect(col.notes.some((n) => n.fields.includes(PLACEHOLDER_TEXT))).toBe(false);
    // The placeholder is really there: alone, it is what a reader finds.
    const alone = readAnkiPackage(zip({ 'collection.anki2': entries['collection.anki2'] }));
    expect(alone.notes.map((n) => n.fields[0])).toEqual([PLACEHOLDER_TEXT]);
  });

  it('reads a package from before `meta` existed: the newest collection present counts', () => {
    const { meta: _, ...rest } = entries;
    const read = readAnkiPackage(zip(rest));
    expect(read.version).toBe('legacy2');
    expect(read.notes).toEqual(readAnkiPackage(bytes).notes);
  });

  it('reads a whole-collection backup (.colpkg): the note types, no notes', () => {
    const empty = { ...SAMPLE, decks: SAMPLE.decks.slice(0, 1), notes: [], cards: [], revlog: [], media: [] };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'grill-anki-')), 'collection.colpkg');
    writeFileSync(file, writeAnkiPackage(empty, { now: SAMPLE_NOW }));
    const backup = readAnkiPackage(file);
    expect(backup).toMatchObject({ version: 'legacy2', notes: [], cards: [], revlog: [], media: [] });
    expect(backup.noteTypes.map((t) => [t.name, t.kind, t.templates.length])).toEqual([
      ['Basic', 'normal', 1],
      ['Basic (and reversed card)', 'normal', 2],
      ['Basic (type in the answer)', 'normal', 1],
      ['Cloze', 'cloze', 1],
    ]);
  });
});

describe('collection.anki21b (latest: Anki 2.1.50+)', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await samplePackage('latest');
  });

  it('reads the zstd-compressed schema-18 collection, never the placeholder beside it', () => {
    const col = readAnkiPackage(bytes);
    expect(col).toMatchObject({ version: 'latest', collectionFile: 'collection.anki21b', schema: 18 });
    expect(col.notes.some((n) => n.fields.includes(PLACEHOLDER_TEXT))).toBe(false);
    const entries = unzipSync(bytes);
    expect(entries.meta).toEqual(new Uint8Array([0x08, 0x03]));
    const alone = readAnkiPackage(zip({ 'collection.anki2': entries['collection.anki2'] }));
    expect(alone.notes.map((n) => n.fields[0])).toEqual([PLACEHOLDER_TEXT]);
  });

  it('still picks collection.anki21b when the package has lost its meta', () => {
    const { meta: _, ...rest } = unzipSync(bytes);
    expect(readAnkiPackage(zip(rest)).notes).toEqual(readAnkiPackage(bytes).notes);
  });

  it('compresses every file it lists, and its list', () => {
    const entries = unzipSync(bytes);
    const zstdMagic = [0x28, 0xb5, 0x2f, 0xfd];
    for (const name of ['collection.anki21b', 'media', '0'])
      expect([...(entries[name] ?? new Uint8Array()).subarray(0, 4)]).toEqual(zstdMagic);
  });

  it('leaves out rows of fields and templates whose note type is not there', async () => {
    const collection = editCollection(
      latestCollection(SAMPLE, SAMPLE_NOW),
      `INSERT INTO fields VALUES (99, 0, 'Orphan', x'');
       INSERT INTO templates VALUES (99, 0, 'Orphan card', 0, 0, x'');`,
    );
    const col = readAnkiPackage(await writeLatestPackage(SAMPLE, { now: SAMPLE_NOW, collection }));
    expect(col.noteTypes.map((t) => t.id)).toEqual([
      BASIC.id,
      BASIC_AND_REVERSED.id,
      BASIC_TYPE_IN.id,
      CLOZE.id,
    ]);
  });

  it('reads a collection in WAL mode (Anki keeps it so) as well as one that is not', async () => {
    const wal = latestCollection(SAMPLE, SAMPLE_NOW);
    expect([wal[18], wal[19]]).toEqual([2, 2]);
    const rollback = Uint8Array.from(wal);
    rollback[18] = 1;
    rollback[19] = 1;
    const entries = unzipSync(bytes);
    const col = readAnkiPackage(zip({ ...entries, 'collection.anki21b': await zstd(rollback) }));
    expect(col.notes).toEqual(readAnkiPackage(bytes).notes);
  });
});
