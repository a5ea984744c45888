/**
 * Decks and note types of a schema-11 collection (legacy packages): JSON objects keyed by id in
 * the `decks` and `models` columns of the single `col` row.
 */
import { z } from 'zod';
import type { AnkiDeck, AnkiNoteType } from './model.js';
import type { CollectionDb } from './open-collection.js';

const ordered = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, ord: z.number().optional() });

const DecksSchema = z.record(
  z.string(),
  z.object({
    name: z.string(),
    dyn: z.union([z.number(), z.boolean()]).optional(),
    desc: z.string().optional(),
  }),
);

const ModelsSchema = z.record(
  z.string(),
  z.object({
    name: z.string(),
    /** 0 normal, 1 cloze. */
    type: z.number().optional(),
    css: z.string().optional(),
    flds: z.array(ordered({ name: z.string() })),
    tmpls: z.array(ordered({ name: z.string(), qfmt: z.string(), afmt: z.string() })),
  }),
);

/** Throws a plain Error saying which column is not what Anki writes; the reader adds the file. */
function parseColumn<T>(schema: z.ZodType<T>, json: string, column: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`col.${column} is not JSON`);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [`col.${column}`, ...(issue?.path ?? []).map(String)].join('.');
  throw new Error(`${where}: ${issue?.message ?? 'not what Anki writes'}`);
}

/** An object key as an id. Keys, unlike the `id` values inside (numbers or strings), are always there. */
function keyId(key: string, column: string): number {
  const id = Number(key);
  if (!Number.isSafeInteger(id)) throw new Error(`col.${column} has the key "${key}", not an id`);
  return id;
}

const byOrd = <T extends { ord?: number | undefined }>(items: T[]): T[] =>
  items
    .map((item, i) => ({ item, ord: item.ord ?? i }))
    .sort((a, b) => a.ord - b.ord)
    .map((x) => x.item);

export function readSchema11(db: CollectionDb): { decks: AnkiDeck[]; noteTypes: AnkiNoteType[] } {
  const col = db.prepare('SELECT decks, models FROM col').get() as { decks: string; models: string };
  const decks = Object.entries(parseColumn(DecksSchema, col.decks, 'decks')).map(([key, deck]) => {
    const filtered = deck.dyn === 1 || deck.dyn === true;
    // Anki keeps a description for normal decks only.
    return {
      id: keyId(key, 'decks'),
      name: deck.name,
      filtered,
      description: filtered ? '' : (deck.desc ?? ''),
    };
  });
  const noteTypes = Object.entries(parseColumn(ModelsSchema, col.models, 'models')).map(([key, model]) => ({
    id: keyId(key, 'models'),
    name: model.name,
    kind: model.type === 1 ? ('cloze' as const) : ('normal' as const),
    fields: byOrd(model.flds).map((f) => f.name),
    templates: byOrd(model.tmpls).map((t) => ({ name: t.name, qfmt: t.qfmt, afmt: t.afmt })),
    css: model.css ?? '',
  }));
  return { decks: decks.sort((a, b) => a.id - b.id), noteTypes: noteTypes.sort((a, b) => a.id - b.id) };
}
