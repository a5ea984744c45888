// Anki packages: reading them (every generation) and writing them, and grill decks as Anki notes.
// A separate entry point: zip, zstd and protobuf code that only the Anki commands need.
export * from './anki/index.js';
export { type AnkiExport, type AnkiExportDeck, ankiExport } from './engine/anki-export.js';
