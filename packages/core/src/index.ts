export * from './deck/model.js';
export { parseDeck, cardHeadings } from './deck/parse-deck.js';
export { fixMissingIds } from './deck/fix-ids.js';
export { isValidId, slugify } from './deck/ids.js';
export { findDeckFiles, loadDecks, displayPath, type LoadedDeck } from './deck/load-decks.js';
export { bundledContentDir } from './paths.js';
export * from './errors.js';
