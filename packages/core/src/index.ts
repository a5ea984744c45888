export { fixMissingIds } from './deck/fix-ids.js';
export { isValidId, slugify } from './deck/ids.js';
export { displayPath, findDeckFiles, type LoadedDeck, loadDecks } from './deck/load-decks.js';
export * from './deck/model.js';
export { cardHeadings, parseDeck } from './deck/parse-deck.js';
export * from './errors.js';
export { bundledContentDir } from './paths.js';
