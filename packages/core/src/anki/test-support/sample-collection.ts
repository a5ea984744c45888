// Test support, never shipped: a small collection of grill's own backend-interview notes, and
// packages of it in each generation Anki has written, made by grill's writers. It has what the
// package reader must get right: every standard note type (basic, reversed, type-in, cloze with
// several numbers and a hint), HTML fields (markup, code, a list, entities, an image), nested and
// filtered decks, new, learning, review, relearning, suspended and buried cards, and a review of
// every kind in the log.

import type { AnkiCardData, AnkiPackageData, AnkiPackageVersion, AnkiReview } from '../model.js';
import { BASIC, BASIC_AND_REVERSED, BASIC_TYPE_IN, CLOZE } from '../stock-note-types.js';
import { type AnkiWriteVersion, writeAnkiPackage } from '../write-package.js';
import { writeLatestPackage } from './latest-package.js';

/** When the packages are made: 2026-03-01T09:00:00Z. */
export const SAMPLE_NOW = 1772355600000;
const T = 1772300000000;

export const DECK = {
  default: 1,
  backend: T + 1,
  http: T + 2,
  sql: T + 3,
  cram: T + 4,
} as const;

export const NOTE = {
  idempotent: T + 1001,
  status: T + 1002,
  having: T + 1003,
  keys: T + 1004,
  plan: T + 1005,
} as const;

export const CARD = {
  idempotent: T + 2001,
  statusForward: T + 2002,
  statusReverse: T + 2003,
  having: T + 2004,
  keys1: T + 2005,
  keys2: T + 2006,
  keys3: T + 2007,
  plan: T + 2008,
} as const;

/** An image's bytes (not a whole PNG: only its signature and some text). */
export const IMAGE = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Buffer.from('seq scan'),
]);
export const IMAGE_NAME = 'seq-scan.png';

/** A card with no scheduling yet; `fields` fill in the rest. */
function card(
  fields: Pick<AnkiCardData, 'id' | 'noteId' | 'deckId' | 'ord'> & Partial<AnkiCardData>,
): AnkiCardData {
  return { originalDeckId: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0, ...fields };
}

/** One review; `time` is how long the answer took, ms. */
function review(
  id: number,
  cardId: number,
  type: number,
  ease: number,
  ivl: number,
  lastIvl: number,
  factor: number,
  time: number,
): AnkiReview {
  return { id, cardId, ease, ivl, lastIvl, factor, time, type };
}

export const SAMPLE: AnkiPackageData = {
  decks: [
    { id: DECK.default, name: 'Default', filtered: false, description: '' },
    { id: DECK.backend, name: 'Backend', filtered: false, description: 'Drills for backend interviews.' },
    {
      id: DECK.http,
      name: 'Backend::HTTP',
      filtered: false,
      description: 'Methods, status codes and <b>caching</b>.',
    },
    { id: DECK.sql, name: 'Backend::SQL', filtered: false, description: '' },
    { id: DECK.cram, name: 'Backend::HTTP::Cram', filtered: true, description: '' },
  ],
  noteTypes: [BASIC, BASIC_AND_REVERSED, BASIC_TYPE_IN, CLOZE],
  notes: [
    {
      id: NOTE.idempotent,
      guid: 'k7#Qp,vX2a',
      noteTypeId: BASIC.id,
      fields: [
        'What does it mean that <b>PUT</b> is idempotent?',
        'Sending the same request again leaves the server as one request would.<br>Retries are safe; <code>POST</code> makes no such promise.',
      ],
      tags: ['http', 'intern'],
    },
    {
      id: NOTE.status,
      guid: 'Zr4{m]w:8_',
      noteTypeId: BASIC_AND_REVERSED.id,
      fields: [
        '<code>409 Conflict</code>',
        'The request clashes with the resource&#39;s current state, e.g. an update from a stale version.',
      ],
      tags: ['http::status-codes'],
    },
    {
      id: NOTE.having,
      guid: 'aa1$bb2%cc',
      noteTypeId: BASIC_TYPE_IN.id,
      fields: [
        'Which clause keeps only the groups that pass a condition, after <code>GROUP BY</code>?',
        'HAVING',
      ],
      tags: ['sql'],
    },
    {
      id: NOTE.keys,
      guid: 'Q!9~x<=>?@',
      noteTypeId: CLOZE.id,
      fields: [
        'A {{c1::primary key::constraint}} names each row once; a {{c2::foreign key}} must match a {{c1::primary key}} of another table, and {{c3::<code>NOT NULL</code>}} forbids missing values.',
        '<ul>\n<li>An index backs each key.</li>\n<li>A key may span <i>several</i> columns.</li>\n</ul>',
      ],
      tags: ['sql', 'stretch'],
    },
    {
      id: NOTE.plan,
      guid: 'plan-0001',
      noteTypeId: BASIC.id,
      fields: [
        `Which step of this plan is slow?<br><img src="${IMAGE_NAME}">`,
        '<pre><code>Seq Scan on orders  (cost=0.00..4310.00 rows=100000)</code></pre>A full scan &amp; no index on <code>customer_id</code>: &lt; 1&nbsp;ms a row adds up.',
      ],
      tags: ['sql::plans', 'stretch'],
    },
  ],
  cards: [
    // A review card borrowed by the filtered deck from its home deck.
    card({
      id: CARD.idempotent,
      noteId: NOTE.idempotent,
      deckId: DECK.cram,
      originalDeckId: DECK.http,
      ord: 0,
      type: 2,
      queue: 2,
      due: 40,
      ivl: 15,
      factor: 2650,
      reps: 6,
    }),
    // Learning: due at a time, in s.
    card({
      id: CARD.statusForward,
      noteId: NOTE.status,
      deckId: DECK.http,
      ord: 0,
      type: 1,
      queue: 1,
      due: 1772355000,
      factor: 2500,
      reps: 1,
    }),
    card({ id: CARD.statusReverse, noteId: NOTE.status, deckId: DECK.http, ord: 1, due: 3 }),
    // Relearning after a lapse.
    card({
      id: CARD.having,
      noteId: NOTE.having,
      deckId: DECK.sql,
      ord: 0,
      type: 3,
      queue: 1,
      due: 1772355500,
      ivl: 1,
      factor: 2300,
      reps: 7,
      lapses: 1,
    }),
    // The cloze note's three numbers: suspended, buried by the user, buried by the scheduler.
    card({
      id: CARD.keys1,
      noteId: NOTE.keys,
      deckId: DECK.sql,
      ord: 0,
      type: 2,
      queue: -1,
      due: 52,
      ivl: 30,
      factor: 2500,
      reps: 4,
    }),
    card({
      id: CARD.keys2,
      noteId: NOTE.keys,
      deckId: DECK.sql,
      ord: 1,
      type: 2,
      queue: -3,
      due: 45,
      ivl: 7,
      factor: 2500,
      reps: 3,
    }),
    card({ id: CARD.keys3, noteId: NOTE.keys, deckId: DECK.sql, ord: 2, queue: -2, due: 4 }),
    // Learning across days: due on a day number.
    card({
      id: CARD.plan,
      noteId: NOTE.plan,
      deckId: DECK.sql,
      ord: 0,
      type: 1,
      queue: 3,
      due: 44,
      factor: 2500,
      reps: 2,
    }),
  ],
  // One of each kind: learn, review, relearn, filtered, manual, rescheduled.
  revlog: [
    review(T + 3001, CARD.statusForward, 0, 3, -600, 0, 2500, 6200),
    review(T + 3002, CARD.idempotent, 1, 3, 12, 5, 2500, 4100),
    review(T + 3003, CARD.having, 2, 1, -600, 9, 2300, 12000),
    review(T + 3004, CARD.idempotent, 3, 4, 15, 12, 2650, 3000),
    review(T + 3005, CARD.keys1, 4, 0, 30, 10, 2500, 0),
    review(T + 3006, CARD.keys2, 5, 0, 7, 21, 2500, 0),
  ],
  media: [{ name: IMAGE_NAME, data: IMAGE }],
};

/** The package of `data` in `version`'s generation, made at SAMPLE_NOW. */
export async function samplePackage(
  version: AnkiPackageVersion,
  data: AnkiPackageData = SAMPLE,
): Promise<Uint8Array> {
  if (version === 'latest') return writeLatestPackage(data, { now: SAMPLE_NOW });
  return writeAnkiPackage(data, { now: SAMPLE_NOW, version: version satisfies AnkiWriteVersion });
}
