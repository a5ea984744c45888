// Notes, cards and the review log written into a collection: the same rows in schema 11 and 18.
import type Database from 'better-sqlite3';
import { FIELD_SEPARATOR } from './check-package.js';
import type { AnkiPackageData } from './model.js';
import { fieldChecksum, fieldText } from './note-text.js';
import { USN_UNSYNCED } from './schema11-json.js';

/** Writes the rows of `data` in one transaction; `mod` is the modification time of each, in s. */
export function writeRows(db: Database.Database, data: AnkiPackageData, mod: number): void {
  const note = db.prepare(
    `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
     VALUES (@id, @guid, @noteTypeId, @mod, @usn, @tags, @fields, @sortField, @checksum, 0, '')`,
  );
  const card = db.prepare(
    `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
     VALUES (@id, @noteId, @deckId, @ord, @mod, @usn, @type, @queue, @due, @ivl, @factor, @reps, @lapses, 0, 0, @originalDeckId, 0, '')`,
  );
  const review = db.prepare(
    `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
     VALUES (@id, @cardId, @usn, @ease, @ivl, @lastIvl, @factor, @time, @type)`,
  );
  db.transaction(() => {
    for (const n of data.notes) {
      const first = n.fields[0] ?? '';
      note.run({
        id: n.id,
        guid: n.guid,
        noteTypeId: n.noteTypeId,
        mod,
        usn: USN_UNSYNCED,
        // Space-separated with a space at each end, so that `% tag %` finds a whole tag.
        tags: n.tags.length > 0 ? ` ${n.tags.join(' ')} ` : '',
        fields: n.fields.join(FIELD_SEPARATOR),
        // The sort field is the first (`sortf` 0).
        sortField: fieldText(first),
        checksum: fieldChecksum(first),
      });
    }
    for (const c of data.cards) {
      card.run({
        id: c.id,
        noteId: c.noteId,
        deckId: c.deckId,
        ord: c.ord,
        mod,
        usn: USN_UNSYNCED,
        type: c.type,
        queue: c.queue,
        due: c.due,
        ivl: c.ivl,
        factor: c.factor,
        reps: c.reps,
        lapses: c.lapses,
        originalDeckId: c.originalDeckId,
      });
    }
    for (const r of data.revlog) review.run({ ...r, usn: USN_UNSYNCED });
  })();
}
