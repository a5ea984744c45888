import { beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../deck/model.js';
import { parseDeck } from '../deck/parse-deck.js';
import { deckOrigin } from './deck-file.js';
import { ankiGuid } from './guid.js';
import type { AnkiCollection, AnkiNoteType, AnkiPackageData, AnkiPackageVersion } from './model.js';
import { PLACEHOLDER_TEXT } from './placeholder.js';
import { readAnkiPackage } from './read-package.js';
import { BASIC, CLOZE } from './stock-note-types.js';
import {
  CARD,
  IMAGE_NAME,
  NOTE,
  SAMPLE,
  SAMPLE_NOW,
  samplePackage,
} from './test-support/sample-collection.js';
import { type AnkiDecks, ankiToDecks, noteCardId } from './to-decks.js';
import { writeAnkiPackage } from './write-package.js';

// Every package is made by grill's own writers (test-support/) from grill's own notes.

const OPTIONS = { packageName: 'sample' };

/** Every card of every deck file, read back by the deck parser (which must find no problem). */
function readBack(decks: AnkiDecks): Map<string, Card> {
  const cards = new Map<string, Card>();
  for (const deck of decks.decks) {
    const parsed = parseDeck(deck.text, deck.fileName);
    expect(parsed.problems, deck.fileName).toEqual([]);
    for (const card of parsed.cards) cards.set(card.key, card);
  }
  return cards;
}

const id = (guid: string) => noteCardId(guid);
const guidOf = (noteId: number) => SAMPLE.notes.find((n) => n.id === noteId)?.guid as string;

describe.each(['legacy1', 'legacy2', 'latest'] as const)('a %s package', (version: AnkiPackageVersion) => {
  let col: AnkiCollection;
  let decks: AnkiDecks;
  let cards: Map<string, Card>;
  beforeAll(async () => {
    col = readAnkiPackage(await samplePackage(version));
    decks = ankiToDecks(col, OPTIONS);
    cards = readBack(decks);
  });

  it('makes a deck file per Anki deck holding notes: the full name its title, a slug its id', () => {
    // Default and Backend hold no notes; the filtered deck lends its card back to Backend::HTTP.
    expect(decks.decks.map((d) => [d.deckId, d.title, d.fileName, d.ankiDecks, d.notes, d.cards])).toEqual([
      ['backend-http', 'Backend::HTTP', 'backend-http.md', ['Backend::HTTP'], 2, 3],
      ['backend-sql', 'Backend::SQL', 'backend-sql.md', ['Backend::SQL'], 3, 5],
    ]);
    expect(decks.decks[0]?.text).toMatch(
      /^---\nid: backend-http\ntitle: Backend::HTTP\ndescription: Methods, status codes and caching\.\n---\n/,
    );
    expect(deckOrigin(decks.decks[0]?.text ?? '')).toEqual({ package: 'sample', decks: ['Backend::HTTP'] });
    expect([decks.notes, decks.cards, decks.warnings]).toEqual([5, 8, []]);
  });

  it('never reads the placeholder note newer packages carry for old Ankis', () => {
    for (const deck of decks.decks) expect(deck.text).not.toContain(PLACEHOLDER_TEXT.slice(0, 30));
  });

  it('Basic → basic: the front the question, the back the answer, tags kept', () => {
    expect(cards.get(`backend-http/${id('k7#Qp,vX2a')}`)).toMatchObject({
      kind: 'basic',
      title: 'What does it mean that **PUT** is idempotent?',
      body: '',
      answer:
        'Sending the same request again leaves the server as one request would.  \nRetries are safe; `POST` makes no such promise.',
      tags: ['http', 'intern'],
    });
  });

  it('Basic (and reversed card) → a basic card per direction, the reverse one’s id ending in -r', () => {
    const forward = `backend-http/${id('Zr4{m]w:8_')}`;
    expect(cards.get(forward)).toMatchObject({
      kind: 'basic',
      title: '`409 Conflict`',
      answer: "The request clashes with the resource's current state, e.g. an update from a stale version.",
      tags: ['http::status-codes'],
    });
    expect(cards.get(`${forward}-r`)).toMatchObject({
      kind: 'basic',
      title: "The request clashes with the resource's current state, e.g. an update from a stale version.",
      answer: '`409 Conflict`',
    });
  });

  it('Basic (type in the answer) → typed, the back the accepted answer', () => {
    expect(cards.get(`backend-sql/${id('aa1$bb2%cc')}`)).toMatchObject({
      kind: 'typed',
      title: 'Which clause keeps only the groups that pass a condition, after `GROUP BY`?',
      accept: ['HAVING'],
    });
  });

  it('Cloze → cloze: a card per number, hints and code kept, Back Extra the answer', () => {
    const key = `backend-sql/${id('Q!9~x<=>?@')}`;
    const c1 = cards.get(`${key}/c1`);
    expect(c1).toMatchObject({
      kind: 'cloze',
      cloze: 1,
      answers: ['primary key'],
      answer: '-   An index backs each key.\n-   A key may span *several* columns.',
      tags: ['sql', 'stretch'],
      // No line of the text is free of deletions: the heading is its start, blanked.
      title: 'A [constraint] names each row once; a [...] must match a [...] of another…',
    });
    expect(c1?.kind === 'cloze' && c1.text).toContainEqual({
      cloze: 1,
      answer: 'primary key',
      hint: 'constraint',
      code: false,
    });
    expect(cards.get(`${key}/c3`)).toMatchObject({ answers: ['NOT NULL'] });
  });

  it('links the image to the media folder and asks for it to be copied', () => {
    const plan = cards.get(`backend-sql/${id('plan-0001')}`);
    expect(plan).toMatchObject({
      title: 'Which step of this plan is slow?',
      body: `![image: ${IMAGE_NAME}](media/${IMAGE_NAME})`,
    });
    expect(plan?.answer).toBe(
      '```\nSeq Scan on orders  (cost=0.00..4310.00 rows=100000)\n```\n\nA full scan & no index on `customer_id`: < 1 ms a row adds up.',
    );
    expect(decks.media).toEqual({ copy: [IMAGE_NAME], missing: [], unsafe: [] });
  });

  it('maps every Anki card to its grill card, a card a filtered deck borrows to its home deck', () => {
    expect(Object.fromEntries(decks.cardKeys)).toEqual({
      [CARD.idempotent]: `backend-http/${id(guidOf(NOTE.idempotent))}`,
      [CARD.statusForward]: `backend-http/${id(guidOf(NOTE.status))}`,
      [CARD.statusReverse]: `backend-http/${id(guidOf(NOTE.status))}-r`,
      [CARD.having]: `backend-sql/${id(guidOf(NOTE.having))}`,
      [CARD.keys1]: `backend-sql/${id(guidOf(NOTE.keys))}/c1`,
      [CARD.keys2]: `backend-sql/${id(guidOf(NOTE.keys))}/c2`,
      [CARD.keys3]: `backend-sql/${id(guidOf(NOTE.keys))}/c3`,
      [CARD.plan]: `backend-sql/${id(guidOf(NOTE.plan))}`,
    });
    for (const key of decks.cardKeys.values()) expect(cards.has(key), key).toBe(true);
  });
});

describe('ids', () => {
  it('are the same from every generation of the same notes, and valid grill ids', async () => {
    const texts = await Promise.all(
      (['legacy1', 'legacy2', 'latest'] as const).map(async (v) =>
        ankiToDecks(readAnkiPackage(await samplePackage(v)), OPTIONS).decks.map((d) => d.text),
      ),
    );
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    expect(noteCardId('k7#Qp,vX2a')).toMatch(/^n-[a-z0-9]{1,10}$/);
  });

  it('keep a card’s id when its note is edited, and give a deck `-anki` when another file holds its slug', () => {
    const edited = structuredClone(SAMPLE);
    (edited.notes[0] as { fields: string[] }).fields[1] = 'Edited answer.';
    const col = readAnkiPackage(writeAnkiPackage(edited, { now: SAMPLE_NOW }));
    const decks = ankiToDecks(col, { ...OPTIONS, reservedDeckIds: new Set(['backend-sql']) });
    expect(decks.decks.map((d) => d.deckId)).toEqual(['backend-http', 'backend-sql-anki']);
    expect(readBack(decks).get(`backend-http/${id('k7#Qp,vX2a')}`)?.answer).toBe('Edited answer.');
    // An earlier import's id for a deck name is kept.
    const again = ankiToDecks(col, { ...OPTIONS, previousDeckIds: new Map([['Backend::SQL', 'my-sql']]) });
    expect(again.decks.map((d) => d.deckId)).toEqual(['backend-http', 'my-sql']);
  });
});

/** A collection of `notes` (Basic unless said) in one deck, each with a card per `ords` (default [0]). */
function collection(
  notes: { guid: string; fields: string[]; type?: AnkiNoteType; ords?: number[]; tags?: string[] }[],
  extra: Partial<AnkiPackageData> = {},
): AnkiCollection {
  const types = new Map<number, AnkiNoteType>();
  const data: AnkiPackageData = {
    decks: [
      { id: 1, name: 'Default', filtered: false, description: '' },
      { id: 10, name: 'Mixed', filtered: false, description: '' },
    ],
    noteTypes: [],
    notes: [],
    cards: [],
    revlog: [],
    media: [],
    ...extra,
  };
  notes.forEach((n, i) => {
    const type = n.type ?? BASIC;
    types.set(type.id, type);
    data.notes.push({ id: 100 + i, guid: n.guid, noteTypeId: type.id, fields: n.fields, tags: n.tags ?? [] });
    for (const ord of n.ords ?? [0])
      data.cards.push({
        id: 1000 + i * 10 + ord,
        noteId: 100 + i,
        deckId: 10,
        originalDeckId: 0,
        ord,
        type: 0,
        queue: 0,
        due: 1,
        ivl: 0,
        factor: 0,
        reps: 0,
        lapses: 0,
      });
  });
  data.noteTypes = [...types.values()];
  return readAnkiPackage(writeAnkiPackage(data, { now: SAMPLE_NOW }));
}

const VOCAB: AnkiNoteType = {
  id: 77,
  name: 'Vocab',
  kind: 'normal',
  fields: ['Word', 'Meaning', 'Example'],
  templates: [
    { name: 'Recognise', qfmt: '{{Word}}', afmt: '{{Meaning}}<br>{{Example}}' },
    { name: 'Produce', qfmt: '{{Meaning}}', afmt: '{{Word}}' },
  ],
  css: '',
};

const OPTIONAL_REVERSED: AnkiNoteType = {
  id: 78,
  name: 'Basic (optional reversed card)-a1b2c',
  kind: 'normal',
  fields: ['Front', 'Back', 'Add Reverse'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
    {
      name: 'Card 2',
      qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}',
      afmt: '{{FrontSide}}<hr id=answer>{{Front}}',
    },
  ],
  css: '',
};

/** A Basic note type renamed and translated: known by its layout. */
const EINFACH: AnkiNoteType = {
  ...BASIC,
  id: 79,
  name: 'Einfach',
  fields: ['Vorderseite', 'Rückseite'],
  templates: [{ name: 'Karte 1', qfmt: '{{Vorderseite}}', afmt: '{{FrontSide}}<hr id=answer>{{Rückseite}}' }],
};

describe('note types and fields', () => {
  it('reads a note type it does not know as its first two fields, with one warning per note type', () => {
    const col = collection([
      { guid: 'v1', fields: ['hola', 'hello', 'Hola, ¿qué tal?'], type: VOCAB, ords: [0, 1] },
      { guid: 'v2', fields: ['adiós', 'goodbye', ''], type: VOCAB, ords: [0, 1] },
      { guid: 'e1', fields: ['Frage?', 'Antwort.'], type: EINFACH },
    ]);
    const decks = ankiToDecks(col, OPTIONS);
    expect(decks.warnings).toEqual([
      'note type "Vocab" is not one grill knows (3 fields, 2 card types): its 2 notes became basic cards of the fields "Word" and "Meaning" (2 cards of its other card types left out)',
    ]);
    const cards = readBack(decks);
    expect([...cards.values()].map((c) => [c.id, c.kind, c.title, c.answer])).toEqual([
      [id('v1'), 'basic', 'hola', 'hello'],
      [id('v2'), 'basic', 'adiós', 'goodbye'],
      [id('e1'), 'basic', 'Frage?', 'Antwort.'],
    ]);
    // Only each note's first card is a grill card.
    expect([...decks.cardKeys.keys()]).toEqual([1000, 1010, 1020]);
  });

  it('Basic (optional reversed card): a reverse card only where Anki made one', () => {
    const col = collection([
      { guid: 'o1', fields: ['Q1', 'A1', 'y'], type: OPTIONAL_REVERSED, ords: [0, 1] },
      { guid: 'o2', fields: ['Q2', 'A2', ''], type: OPTIONAL_REVERSED, ords: [0] },
    ]);
    const decks = ankiToDecks(col, OPTIONS);
    expect(decks.warnings).toEqual([]);
    expect([...readBack(decks).keys()]).toEqual([
      `mixed/${id('o1')}`,
      `mixed/${id('o1')}-r`,
      `mixed/${id('o2')}`,
    ]);
  });

  it('keeps field markup that would break a card as text: headings, syntax, a field line, an empty answer', () => {
    const col = collection([
      {
        guid: 'h1',
        fields: [
          '<h1>Title</h1><h2>Not a card</h2>kind: cloze<br>{{c1::no}} {#id}',
          '<h3>Answer</h3>### Not a section<ul><li>one</li><li>two</li></ul>',
        ],
      },
      { guid: 'h2', fields: ['Empty back?', ''] },
      { guid: 'h3', fields: ['<img src="only.png">', 'An image alone'] },
    ]);
    const decks = ankiToDecks(col, OPTIONS);
    const cards = [...readBack(decks).values()];
    expect(cards.map((c) => [c.kind, c.title])).toEqual([
      ['basic', 'Title'],
      ['basic', 'Empty back?'],
      ['basic', '\\[image: only.png\\]'],
    ]);
    expect(cards[0]).toMatchObject({
      body: '##### Not a card\n\nkind: cloze  \n\\{{c1::no\\}} \\{#id}',
      answer: '###### Answer\n\n\\### Not a section\n\n-   one\n-   two',
    });
    expect(cards[1]?.answer).toBe('*(empty in Anki)*');
    expect(decks.warnings).toEqual([
      '1 card with an empty answer in Anki: written as "(empty in Anki)"',
      '1 media file the notes show is not in the package: "only.png"',
    ]);
  });

  it('writes a note whose text does not read as its kind as a basic card of its plain text, with a warning', () => {
    const col = collection([
      // A deletion across two blocks: grill keeps a deletion in one paragraph.
      {
        guid: 'c1',
        fields: ['<div>{{c1::across</div><div>blocks}} here</div>', 'Extra'],
        type: CLOZE,
        ords: [0],
      },
      { guid: 'c2', fields: ['A {{c1::fine}} one', ''], type: CLOZE, ords: [0] },
    ]);
    const decks = ankiToDecks(col, OPTIONS);
    const cards = readBack(decks);
    expect(cards.get(`mixed/${id('c1')}`)).toMatchObject({
      kind: 'basic',
      title: '[...] here',
      answer: 'across  \nblocks here  \nExtra',
    });
    expect(cards.get(`mixed/${id('c2')}/c1`)).toMatchObject({ kind: 'cloze', answers: ['fine'] });
    expect(decks.warnings).toEqual(['note "c1" (Mixed): as a cloze card, cloze deletion is never closed']);
    expect(decks.cardKeys.get(1000)).toBe(`mixed/${id('c1')}`);
  });
});

describe('notes grill export-anki wrote', () => {
  const exported = (guidKey: string, fields: string[], type = BASIC) => ({
    guid: ankiGuid(guidKey),
    fields,
    type,
    ords: type === CLOZE ? [0, 1] : [0],
  });

  it('come back as the cards they were: same deck and key, kind and labelled sections', () => {
    const col = collection([
      exported('net/choice', [
        'Which are idempotent?\n<ol>\n<li><code>PUT</code></li>\n<li><code>POST</code></li>\n</ol>\n<p><i>Choose every correct option.</i></p>',
        '<p><b>Correct:</b></p>\n<ul>\n<li><code>PUT</code></li>\n</ul>\n<p>Only PUT.</p>\n<p><b>Why it matters:</b> Retries.</p>',
      ]),
      exported('net/open', [
        'Debug it.\n<pre><code>ERROR x\n</code></pre>',
        '<p><b>Rubric:</b></p>\n<ul>\n<li>Read logs</li>\n<li>Roll back</li>\n</ul>\n<p>Roll back first.</p>\n<p><b>Common mistake:</b> Guessing.</p>',
      ]),
      exported('net/zero', ['Zero values\n<p>m == {{c1::nil}}, {{c2::0}}</p>', ''], CLOZE),
      { guid: 'native', fields: ['New in Anki?', 'Yes.'] },
    ]);
    const known = new Map([
      [ankiGuid('net/choice'), { deckId: 'net', cardId: 'choice', kind: 'choice' as const, typed: false }],
      [ankiGuid('net/open'), { deckId: 'net', cardId: 'open', kind: 'open' as const, typed: false }],
      [ankiGuid('net/zero'), { deckId: 'net', cardId: 'zero', kind: 'cloze' as const, typed: true }],
    ]);
    const decks = ankiToDecks(col, {
      ...OPTIONS,
      known: new Map(
        [...known].map(([g, k]) => [g, { ...k, deckTitle: 'Networking', deckDescription: 'Nets.' }]),
      ),
      reservedDeckIds: new Set(['net']),
    });
    // The Anki deck's notes came from one grill deck: the note added in Anki joins it.
    expect(decks.decks.map((d) => [d.deckId, d.title, d.ankiDecks])).toEqual([
      ['net', 'Networking', ['Mixed']],
    ]);
    const cards = readBack(decks);
    expect(cards.get('net/choice')).toMatchObject({
      kind: 'choice',
      title: 'Which are idempotent?',
      options: [
        { text: '`PUT`', correct: true },
        { text: '`POST`', correct: false },
      ],
      answer: 'Only PUT.',
      why: 'Retries.',
    });
    expect(cards.get('net/open')).toMatchObject({
      kind: 'open',
      title: 'Debug it.',
      body: '```\nERROR x\n```',
      rubric: ['Read logs', 'Roll back'],
      answer: 'Roll back first.',
      mistake: 'Guessing.',
    });
    expect(cards.get('net/zero/c2')).toMatchObject({ kind: 'cloze', title: 'Zero values', typed: true });
    expect(cards.get(`net/${id('native')}`)).toMatchObject({ title: 'New in Anki?', answer: 'Yes.' });
    expect(decks.cardKeys.get(1020)).toBe('net/zero/c1');
    expect(decks.cardKeys.get(1021)).toBe('net/zero/c2');
  });
});

describe('media', () => {
  it('copies only plain file names the package holds; reports the rest', () => {
    const col = collection(
      [
        {
          guid: 'm1',
          fields: ['<img src="a.png"> <img src="../evil.png"> [sound:b%20c.mp3]', '<img src="gone.png">'],
        },
      ],
      {
        media: [
          { name: 'a.png', data: new Uint8Array([1]) },
          { name: 'b c.mp3', data: new Uint8Array([2]) },
        ],
      },
    );
    const decks = ankiToDecks(col, OPTIONS);
    expect(decks.media).toEqual({
      copy: ['a.png', 'b c.mp3'],
      missing: ['gone.png'],
      unsafe: ['../evil.png'],
    });
    const card = [...readBack(decks).values()][0];
    expect(card?.title).toBe(
      '![image: a.png](media/a.png) \\[image: ../evil.png\\] [sound: b%20c.mp3](media/b%20c.mp3)',
    );
    expect(decks.warnings).toEqual([
      '1 media file the notes show is not in the package: "gone.png"',
      '1 media reference that is no plain file name, left as text: "../evil.png"',
    ]);
  });
});
