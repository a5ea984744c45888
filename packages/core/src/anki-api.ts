// Anki packages: reading them (every generation) and writing them, grill decks as Anki notes, and
// Anki notes and reviews as grill decks and answers.
// A separate entry point: zip, zstd, protobuf and HTML code that only the Anki commands need.
export * from './anki/index.js';
export { type AnkiExport, type AnkiExportDeck, ankiExport } from './engine/anki-export.js';
export {
  type AnkiImportDeck,
  type AnkiImportOptions,
  type AnkiImportResult,
  importAnki,
} from './engine/anki-import.js';
