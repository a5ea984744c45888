/** Reading Anki packages (.apkg, .colpkg) of every generation, writing them, and converting them to decks. */

export { ankiGuid } from './guid.js';
export type * from './model.js';
export { noteCardId } from './note-ids.js';
export { ANKI_EXPORT_ERROR, ANKI_PACKAGE_ERROR } from './package-error.js';
export { readAnkiPackage } from './read-package.js';
// Types only: the converter loads turndown, which importAnki imports when it runs.
export type {
  AnkiDeckFile,
  AnkiDecks,
  AnkiMediaUse,
  AnkiToDecksOptions,
  KnownCard,
  KnownDeckCard,
} from './to-decks.js';
export { ANKI_DEVICE, type AnkiHistory, ankiEventId, ankiHistory } from './to-history.js';
export { type AnkiWriteVersion, type WriteAnkiPackageOptions, writeAnkiPackage } from './write-package.js';
