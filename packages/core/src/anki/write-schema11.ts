import Database from 'better-sqlite3';
import type { AnkiPackageData } from './model.js';
import { byId, confJson, dconfJson, deckJson, modelJson, USN_UNSYNCED } from './schema11-json.js';
import { SCHEMA11_SQL } from './schema11-sql.js';
import { writeRows } from './write-rows.js';

/**
 * The SQLite file of a schema-11 collection holding `data` (checked beforehand: see
 * checkPackageData), made in memory. `now` (ms) is its creation and modification time.
 */
export function writeSchema11(data: AnkiPackageData, now: number): Uint8Array {
  const mod = Math.floor(now / 1000);
  const tags = [...new Set(data.notes.flatMap((n) => n.tags))].sort();
  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA11_SQL);
    db.prepare(
      `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
       VALUES (1, @crt, @mod, @scm, 11, 0, 0, 0, @conf, @models, @decks, @dconf, @tags)`,
    ).run({
      // Review cards' due days count from `crt`, the collection's creation (s).
      crt: mod,
      mod: now,
      scm: now,
      conf: JSON.stringify(confJson(data.noteTypes[0]?.id ?? null)),
      models: JSON.stringify(byId(data.noteTypes, (t) => modelJson(t, mod))),
      decks: JSON.stringify(byId(data.decks, (d) => deckJson(d, mod))),
      dconf: JSON.stringify(dconfJson(mod)),
      // Each tag with the usn of its last change.
      tags: JSON.stringify(Object.fromEntries(tags.map((tag) => [tag, USN_UNSYNCED]))),
    });
    writeRows(db, data, mod);
    return db.serialize();
  } finally {
    db.close();
  }
}
