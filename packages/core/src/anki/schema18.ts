/**
 * Decks and note types of a schema-15+ collection (latest packages are schema 18): rows of the
 * `decks`, `notetypes`, `fields` and `templates` tables, whose settings are protobuf blobs.
 */
import type { AnkiDeck, AnkiNoteType } from './model.js';
import type { CollectionDb } from './open-collection.js';
import { decodeDeckKind, decodeNotetypeConfig, decodeTemplateConfig } from './protos.js';
import { allRows, blob, int, text } from './sql-values.js';

/** Deck names are stored with this between levels; Anki shows `::`. */
const DECK_LEVEL_SEPARATOR = '\x1f';

/** Runs `decode`, naming the row when the blob is unreadable (a plain Error; the reader adds the file). */
function decoded<T>(decode: () => T, where: string): T {
  try {
    return decode();
  } catch (error) {
    throw new Error(`${where} is unreadable protobuf (${(error as Error).message})`);
  }
}

export function readSchema18(db: CollectionDb): { decks: AnkiDeck[]; noteTypes: AnkiNoteType[] } {
  const decks = allRows(db, 'SELECT id, name, kind FROM decks ORDER BY id').map((row) => {
    const id = int(row, 'id');
    const kind = decoded(() => decodeDeckKind(blob(row, 'kind')), `decks.kind of deck ${id}`);
    return { id, name: text(row, 'name').split(DECK_LEVEL_SEPARATOR).join('::'), ...kind };
  });

  // Field and template rows whose note type is gone are left out, as Anki ignores them too.
  const fields = new Map<number, string[]>();
  for (const row of allRows(db, 'SELECT ntid, name FROM fields ORDER BY ntid, ord')) {
    const ntid = int(row, 'ntid');
    fields.set(ntid, [...(fields.get(ntid) ?? []), text(row, 'name')]);
  }
  const templates = new Map<number, AnkiNoteType['templates']>();
  for (const row of allRows(db, 'SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord')) {
    const ntid = int(row, 'ntid');
    const where = `templates.config of note type ${ntid}, template ${int(row, 'ord')}`;
    const config = decoded(() => decodeTemplateConfig(blob(row, 'config')), where);
    templates.set(ntid, [...(templates.get(ntid) ?? []), { name: text(row, 'name'), ...config }]);
  }

  const noteTypes = allRows(db, 'SELECT id, name, config FROM notetypes ORDER BY id').map((row) => {
    const id = int(row, 'id');
    const config = decoded(() => decodeNotetypeConfig(blob(row, 'config')), `notetypes.config of ${id}`);
    return {
      id,
      name: text(row, 'name'),
      kind: config.kind === 1 ? ('cloze' as const) : ('normal' as const),
      fields: fields.get(id) ?? [],
      templates: templates.get(id) ?? [],
      css: config.css,
    };
  });
  return { decks, noteTypes };
}
