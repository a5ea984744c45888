// The collection.anki2 that Anki (2.1 on) puts beside the real collection of a package: a
// collection Anki 2.0 can open, whose one note asks to update. A newer Anki never reads it.
import { DEFAULT_DECK_ID } from './check-package.js';
import type { AnkiPackageData } from './model.js';
import { BASIC } from './stock-note-types.js';
import { writeSchema11 } from './write-schema11.js';

/** The text of the placeholder's note. */
export const PLACEHOLDER_TEXT =
  'This package was made for a newer version of Anki. Update Anki, then import the package again.';

const NOTE_ID = 1;

export function placeholderCollection(now: number): Uint8Array {
  const data: AnkiPackageData = {
    decks: [{ id: DEFAULT_DECK_ID, name: 'Default', filtered: false, description: '' }],
    noteTypes: [BASIC],
    notes: [
      { id: NOTE_ID, guid: 'placeholder', noteTypeId: BASIC.id, fields: [PLACEHOLDER_TEXT, ''], tags: [] },
    ],
    cards: [
      {
        id: 1,
        noteId: NOTE_ID,
        deckId: DEFAULT_DECK_ID,
        originalDeckId: 0,
        ord: 0,
        type: 0,
        queue: 0,
        due: 1,
        ivl: 0,
        factor: 0,
        reps: 0,
        lapses: 0,
      },
    ],
    revlog: [],
    media: [],
  };
  return writeSchema11(data, now);
}
