import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { ankiGuid } from './guid.js';
import type { AnkiCollection, AnkiPackageData } from './model.js';
import { fieldChecksum, fieldText } from './note-text.js';
import { PLACEHOLDER_TEXT } from './placeholder.js';
import { readAnkiPackage } from './read-package.js';
import { BASIC, BASIC_AND_REVERSED, BASIC_TYPE_IN, CLOZE } from './stock-note-types.js';
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

/** What the reader gives back of `data`: sorted by id, cards with their flags read from the queue. */
function asRead(data: AnkiPackageData) {
  const byId = <T extends { id: number }>(items: readonly T[]) => [...items].sort((a, b) => a.id - b.id);
  return {
    decks: byId(data.decks),
    noteTypes: byId(data.noteTypes),
    notes: byId(data.notes),
    cards: byId(data.cards).map((c) => ({
      ...c,
      suspended: c.queue === -1,
      buried: c.queue === -2 || c.queue === -3,
    })),
    revlog: byId(data.revlog),
  };
}

function readBack(col: AnkiCollection) {
  const { decks, noteTypes, notes, cards, revlog } = col;
  return { decks, noteTypes, notes, cards, revlog };
}

describe.each(['legacy1', 'legacy2', 'latest'] as const)('written as %s, read back', (version) => {
  it('gives back every deck, note type, note, card and review as written', async () => {
    const col = readAnkiPackage(await samplePackage(version));
    expect(col.version).toBe(version);
    expect(readBack(col)).toEqual(asRead(SAMPLE));
  });

  it('gives back the media with their bytes', async () => {
    const col = readAnkiPackage(await samplePackage(version));
    expect(col.media).toEqual([{ name: IMAGE_NAME, present: true, size: IMAGE.length }]);
    expect(col.readMedia(IMAGE_NAME)).toEqual(IMAGE);
  });
});

describe('writeAnkiPackage', () => {
  const entries = (bytes: Uint8Array) => unzipSync(bytes);
  const utf8 = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

  it('writes collection.anki21 with a meta naming it, the placeholder and a JSON media list', () => {
    const zip = entries(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW }));
    expect(Object.keys(zip).sort()).toEqual(['0', 'collection.anki2', 'collection.anki21', 'media', 'meta']);
    expect(zip.meta).toEqual(new Uint8Array([0x08, 0x02]));
    expect(JSON.parse(utf8(zip.media))).toEqual({ 0: IMAGE_NAME });
    expect(zip['0']).toEqual(IMAGE);
  });

  it('writes collection.anki2 alone, without meta, as Anki 2.0 did', () => {
    const zip = entries(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW, version: 'legacy1' }));
    expect(Object.keys(zip).sort()).toEqual(['0', 'collection.anki2', 'media']);
  });

  it('gives the same bytes for the same data and time', () => {
    const once = writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW });
    expect(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW })).toEqual(once);
    expect(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW + 1000 })).not.toEqual(once);
  });

  it('puts the placeholder where a reader without meta support would look first', () => {
    const zip = entries(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW }));
    const placeholder = readAnkiPackage(writeZipOf({ 'collection.anki2': zip['collection.anki2'] }));
    expect(placeholder.notes.map((n) => n.fields[0])).toEqual([PLACEHOLDER_TEXT]);
    expect(placeholder.noteTypes.map((t) => t.name)).toEqual(['Basic']);
  });
});

/** A zip of `entries`, stored. */
function writeZipOf(entries: Record<string, Uint8Array | undefined>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v ?? new Uint8Array(), { level: 0 }]])),
  );
}

describe('the collection, as Anki opens and upgrades it', () => {
  const zip = unzipSync(writeAnkiPackage(SAMPLE, { now: SAMPLE_NOW }));
  const db = new Database(Buffer.from(zip['collection.anki21'] ?? []), { readonly: true });
  const col = db.prepare('SELECT * FROM col').get() as Record<string, string | number>;
  const json = (column: string) => JSON.parse(String(col[column]));

  it('is schema 11, made at the time given, with the settings Anki expects', () => {
    expect(col).toMatchObject({
      id: 1,
      ver: 11,
      crt: SAMPLE_NOW / 1000,
      mod: SAMPLE_NOW,
      scm: SAMPLE_NOW,
      usn: 0,
    });
    expect(json('conf')).toMatchObject({ schedVer: 2, activeDecks: [1], curDeck: 1, nextPos: 1 });
    expect(json('tags')).toEqual({
      http: -1,
      'http::status-codes': -1,
      intern: -1,
      sql: -1,
      'sql::plans': -1,
      stretch: -1,
    });
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all(),
    ).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
  });

  it('has note types with every key Anki requires of them, their fields and templates', () => {
    const models = json('models');
    expect(Object.keys(models).sort()).toEqual(
      [BASIC, BASIC_AND_REVERSED, BASIC_TYPE_IN, CLOZE].map((t) => String(t.id)),
    );
    for (const model of Object.values(models) as Record<string, unknown>[]) {
      for (const key of ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css', 'req'])
        expect(model).toHaveProperty(key);
      for (const field of model.flds as object[])
        for (const key of ['name', 'ord', 'sticky', 'rtl', 'font', 'size']) expect(field).toHaveProperty(key);
      for (const template of model.tmpls as object[])
        for (const key of ['name', 'ord', 'qfmt', 'afmt']) expect(template).toHaveProperty(key);
    }
    expect(models[CLOZE.id]).toMatchObject({ type: 1, sortf: 0, mod: SAMPLE_NOW / 1000 });
    // Which fields each template needs: its question's.
    expect(models[BASIC_AND_REVERSED.id].req).toEqual([
      [0, 'any', [0]],
      [1, 'any', [1]],
    ]);
    expect(models[BASIC_TYPE_IN.id].req).toEqual([[0, 'any', [0, 1]]]);
    expect(models[CLOZE.id].req).toEqual([[0, 'any', [0]]]);
  });

  it('has decks and deck options with every key Anki requires', () => {
    const decks = json('decks');
    const common = ['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn'];
    for (const deck of Object.values(decks) as Record<string, unknown>[]) {
      for (const key of common) expect(deck).toHaveProperty(key);
      for (const key of deck.dyn ? ['resched', 'terms'] : ['conf']) expect(deck).toHaveProperty(key);
    }
    expect(decks[DECK.cram]).toMatchObject({ name: 'Backend::HTTP::Cram', dyn: 1 });
    expect(decks[DECK.http]).toMatchObject({
      dyn: 0,
      conf: 1,
      desc: 'Methods, status codes and <b>caching</b>.',
    });
    const dconf = json('dconf');
    expect(Object.keys(dconf)).toEqual(['1']);
    expect(dconf[1]).toMatchObject({
      id: 1,
      name: 'Default',
      usn: -1,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
    });
    expect(Object.keys(dconf[1].new).sort()).toEqual(
      expect.arrayContaining(['delays', 'initialFactor', 'ints', 'order', 'perDay']),
    );
    expect(Object.keys(dconf[1].rev)).toEqual(
      expect.arrayContaining(['ease4', 'ivlFct', 'maxIvl', 'perDay']),
    );
    expect(Object.keys(dconf[1].lapse)).toEqual(
      expect.arrayContaining(['delays', 'leechAction', 'leechFails', 'minInt', 'mult']),
    );
  });

  it('keeps beside each note its sort field and the checksum of its first field, as Anki computes them', () => {
    const plan = db.prepare('SELECT * FROM notes WHERE id = ?').get(NOTE.plan) as Record<string, unknown>;
    const text = `Which step of this plan is slow? ${IMAGE_NAME} `;
    expect(plan).toMatchObject({
      guid: 'plan-0001',
      mid: BASIC.id,
      mod: SAMPLE_NOW / 1000,
      usn: -1,
      tags: ' sql::plans stretch ',
      sfld: text,
      csum: createHash('sha1').update(text).digest().readUInt32BE(0),
      flags: 0,
      data: '',
    });
    const card = db.prepare('SELECT * FROM cards WHERE id = ?').get(CARD.idempotent);
    expect(card).toMatchObject({ did: DECK.cram, odid: DECK.http, left: 0, odue: 0, flags: 0, data: '' });
  });
});

describe('fieldText and fieldChecksum', () => {
  it('strip markup, keep the file names of media, decode character references', () => {
    expect(fieldText('<b>PUT</b>&nbsp;&amp; <i>DELETE</i>')).toBe('PUT & DELETE');
    expect(fieldText('a<img src="x.png">b<img alt="y" src=\'y.jpg\' />c<img src=z.gif>')).toBe(
      'a x.png b y.jpg c z.gif ',
    );
    expect(fieldText('<!-- note --><style>.x{}</style>1 &lt; 2 &#8800; &#x33;&mdash;')).toBe(
      '1 < 2 ≠ 3&mdash;',
    );
    expect(fieldText('line<br>break')).toBe('linebreak');
  });

  it('checksum the text as Anki does: its SHA-1’s first 32 bits', () => {
    expect(fieldChecksum('<b>abc</b>')).toBe(0xa9993e36);
  });
});

describe('ankiGuid', () => {
  it('is the same for the same seed, another for another, in Anki’s 91 digits', () => {
    expect(ankiGuid('http/put')).toBe(ankiGuid('http/put'));
    expect(ankiGuid('http/put')).not.toBe(ankiGuid('http/patch'));
    for (const seed of ['a', 'http/put', 'sql/having', '日本']) {
      expect(ankiGuid(seed)).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,10}$/);
    }
    // 2^64 in base 91 takes 10 digits.
    expect(ankiGuid('http/put').length).toBeGreaterThanOrEqual(9);
  });
});

describe('data Anki would refuse', () => {
  const refused = (change: (data: AnkiPackageData) => AnkiPackageData): string => {
    try {
      writeAnkiPackage(change(structuredClone(SAMPLE)), { now: SAMPLE_NOW });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe('anki-export');
      return (error as Error).message;
    }
    throw new Error('expected the write to fail');
  };

  it('is refused with one line saying what is wrong', () => {
    expect(refused((d) => ({ ...d, decks: d.decks.filter((x) => x.id !== 1) }))).toBe(
      'cannot write an Anki package: there is no Default deck (id 1)',
    );
    expect(
      refused((d) => {
        (d.notes[0] as { fields: string[] }).fields[0] = 'a\x1fb';
        return d;
      }),
    ).toBe(
      `cannot write an Anki package: a field of note ${NOTE.idempotent} holds the field separator (U+001F)`,
    );
    expect(
      refused((d) => {
        (d.notes[1] as { guid: string }).guid = d.notes[0]?.guid ?? '';
        return d;
      }),
    ).toMatch(/has the guid of another/);
    expect(
      refused((d) => {
        (d.notes[0] as { tags: string[] }).tags = ['two words'];
        return d;
      }),
    ).toMatch(/the tag "two words" \(tags have no spaces\)/);
    expect(
      refused((d) => {
        (d.cards[2] as { ord: number }).ord = 2;
        return d;
      }),
    ).toBe(
      `cannot write an Anki package: card ${CARD.statusReverse} has the ord 2, which its note type lacks`,
    );
    expect(
      refused((d) => {
        (d.cards[0] as { deckId: number }).deckId = 42;
        return d;
      }),
    ).toMatch(/is in the unknown deck 42/);
    expect(refused((d) => ({ ...d, decks: [...d.decks, { ...SAMPLE.decks[1], id: 7 } as never] }))).toBe(
      'cannot write an Anki package: two decks are named "Backend"',
    );
    expect(refused((d) => ({ ...d, media: [{ name: '../evil.png', data: IMAGE }] }))).toBe(
      'cannot write an Anki package: "../evil.png" is not a plain file name for media',
    );
  });
});
