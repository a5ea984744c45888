/** Notes, cards and the review log: tables laid out alike in schema 11 and 18. */
import type { AnkiCard, AnkiNote, AnkiReview } from './model.js';
import type { CollectionDb } from './open-collection.js';
import { allRows, int, text } from './sql-values.js';

/** Anki joins a note's fields with the unit separator. */
const FIELD_SEPARATOR = '\x1f';

export function readNotes(db: CollectionDb): AnkiNote[] {
  return allRows(db, 'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id').map((row) => ({
    id: int(row, 'id'),
    guid: text(row, 'guid'),
    noteTypeId: int(row, 'mid'),
    fields: text(row, 'flds').split(FIELD_SEPARATOR),
    // Stored space-separated, with a space at each end.
    tags: text(row, 'tags')
      .split(/\s+/)
      .filter((tag) => tag !== ''),
  }));
}

const QUEUE_SUSPENDED = -1;
const QUEUE_SCHED_BURIED = -2;
const QUEUE_USER_BURIED = -3;

export function readCards(db: CollectionDb): AnkiCard[] {
  const sql =
    'SELECT id, nid, did, odid, ord, type, queue, due, ivl, factor, reps, lapses FROM cards ORDER BY id';
  return allRows(db, sql).map((row) => {
    const queue = int(row, 'queue');
    return {
      id: int(row, 'id'),
      noteId: int(row, 'nid'),
      deckId: int(row, 'did'),
      originalDeckId: int(row, 'odid'),
      ord: int(row, 'ord'),
      type: int(row, 'type'),
      queue,
      suspended: queue === QUEUE_SUSPENDED,
      buried: queue === QUEUE_SCHED_BURIED || queue === QUEUE_USER_BURIED,
      due: int(row, 'due'),
      ivl: int(row, 'ivl'),
      factor: int(row, 'factor'),
      reps: int(row, 'reps'),
      lapses: int(row, 'lapses'),
    };
  });
}

export function readRevlog(db: CollectionDb): AnkiReview[] {
  const sql = 'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id';
  return allRows(db, sql).map((row) => ({
    id: int(row, 'id'),
    cardId: int(row, 'cid'),
    ease: int(row, 'ease'),
    ivl: int(row, 'ivl'),
    lastIvl: int(row, 'lastIvl'),
    factor: int(row, 'factor'),
    time: int(row, 'time'),
    type: int(row, 'type'),
  }));
}
