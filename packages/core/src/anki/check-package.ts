// What must hold of the data before a package is written: what Anki's schema and importer count
// on, and what the writer's format cannot carry (a field holding the field separator, a tag
// holding a space). Throws the first problem found, as an `anki-export` error.
import type { AnkiPackageData } from './model.js';
import { exportError } from './package-error.js';

/** Anki joins a note's fields with this character and splits them at it. */
export const FIELD_SEPARATOR = '\x1f';
/** The deck every Anki collection has. */
export const DEFAULT_DECK_ID = 1;

const isId = (id: number) => Number.isSafeInteger(id) && id > 0;
const isInt = (n: number) => Number.isSafeInteger(n);

function uniqueIds(what: string, ids: readonly number[]): Set<number> {
  const seen = new Set<number>();
  for (const id of ids) {
    if (!isId(id)) throw exportError(`${what} id ${id} is not a positive integer`);
    if (seen.has(id)) throw exportError(`two ${what}s have the id ${id}`);
    seen.add(id);
  }
  return seen;
}

function uniqueNames(what: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.trim() === '') throw exportError(`a ${what} has no name`);
    // Anki compares these names without case.
    const key = name.toLowerCase();
    if (seen.has(key)) throw exportError(`two ${what}s are named "${name}"`);
    seen.add(key);
  }
}

/** A plain file name: media sit in one folder, and Anki refuses names that would leave it. */
function isMediaName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

export function checkPackageData(data: AnkiPackageData): void {
  const deckIds = uniqueIds(
    'deck',
    data.decks.map((d) => d.id),
  );
  if (!deckIds.has(DEFAULT_DECK_ID)) throw exportError('there is no Default deck (id 1)');
  uniqueNames(
    'deck',
    data.decks.map((d) => d.name),
  );

  const noteTypes = new Map(data.noteTypes.map((t) => [t.id, t]));
  uniqueIds(
    'note type',
    data.noteTypes.map((t) => t.id),
  );
  uniqueNames(
    'note type',
    data.noteTypes.map((t) => t.name),
  );
  for (const t of data.noteTypes) {
    if (t.fields.length === 0) throw exportError(`note type "${t.name}" has no fields`);
    uniqueNames(`field of note type "${t.name}"`, t.fields);
    if (t.templates.length === 0) throw exportError(`note type "${t.name}" has no card templates`);
    if (t.kind === 'cloze' && t.templates.length !== 1)
      throw exportError(`cloze note type "${t.name}" has ${t.templates.length} templates, not one`);
    uniqueNames(
      `template of note type "${t.name}"`,
      t.templates.map((tm) => tm.name),
    );
  }

  const notes = new Map(data.notes.map((n) => [n.id, n]));
  uniqueIds(
    'note',
    data.notes.map((n) => n.id),
  );
  const guids = new Set<string>();
  for (const note of data.notes) {
    const type = noteTypes.get(note.noteTypeId);
    if (!type) throw exportError(`note ${note.id} has the unknown note type ${note.noteTypeId}`);
    if (note.fields.length !== type.fields.length)
      throw exportError(
        `note ${note.id} has ${note.fields.length} fields, its note type ${type.fields.length}`,
      );
    if (note.fields.some((f) => f.includes(FIELD_SEPARATOR)))
      throw exportError(`a field of note ${note.id} holds the field separator (U+001F)`);
    if (note.guid === '' || guids.has(note.guid))
      throw exportError(
        `note ${note.id} has ${note.guid === '' ? 'no guid' : `the guid of another: ${note.guid}`}`,
      );
    guids.add(note.guid);
    for (const tag of note.tags)
      if (tag === '' || /\s/.test(tag))
        throw exportError(`note ${note.id} has the tag "${tag}" (tags have no spaces)`);
  }

  const cardIds = uniqueIds(
    'card',
    data.cards.map((c) => c.id),
  );
  const ords = new Set<string>();
  for (const card of data.cards) {
    const note = notes.get(card.noteId);
    if (!note) throw exportError(`card ${card.id} belongs to the unknown note ${card.noteId}`);
    if (!deckIds.has(card.deckId)) throw exportError(`card ${card.id} is in the unknown deck ${card.deckId}`);
    if (card.originalDeckId !== 0 && !deckIds.has(card.originalDeckId))
      throw exportError(`card ${card.id} comes from the unknown deck ${card.originalDeckId}`);
    const type = noteTypes.get(note.noteTypeId);
    const ordOk =
      type?.kind === 'cloze' ? card.ord >= 0 : card.ord >= 0 && card.ord < (type?.templates.length ?? 0);
    if (!isInt(card.ord) || !ordOk)
      throw exportError(`card ${card.id} has the ord ${card.ord}, which its note type lacks`);
    const key = `${card.noteId}:${card.ord}`;
    if (ords.has(key)) throw exportError(`note ${card.noteId} has two cards of ord ${card.ord}`);
    ords.add(key);
    for (const n of [card.type, card.queue, card.due, card.ivl, card.factor, card.reps, card.lapses])
      if (!isInt(n)) throw exportError(`card ${card.id} has a number that is not an integer (${n})`);
  }

  uniqueIds(
    'review',
    data.revlog.map((r) => r.id),
  );
  for (const review of data.revlog) {
    if (!cardIds.has(review.cardId))
      throw exportError(`review ${review.id} is of the unknown card ${review.cardId}`);
    for (const n of [review.ease, review.ivl, review.lastIvl, review.factor, review.time, review.type])
      if (!isInt(n)) throw exportError(`review ${review.id} has a number that is not an integer (${n})`);
  }

  const media = new Set<string>();
  for (const file of data.media) {
    if (!isMediaName(file.name)) throw exportError(`"${file.name}" is not a plain file name for media`);
    if (media.has(file.name)) throw exportError(`two media files are named "${file.name}"`);
    media.add(file.name);
  }
}
