// Parsing user input: deck files (markdown, YAML front matter) and setting values. A separate
// entry point from the engine because its libraries (commonmark, yaml, zod) are large to load.
export { fixMissingIds } from './deck/fix-ids.js';
export { displayPath, type LoadedDeck, loadDecks } from './deck/load-decks.js';
export { cardHeadings, parseDeck } from './deck/parse-deck.js';
export { importPaths } from './engine/import-paths.js';
export { isValidSettingValue, parseSettingValue } from './scheduler/setting-values.js';
