// Parsing user input: deck files (markdown, YAML front matter), setting values and archives. A
// separate entry point from the engine because its libraries (commonmark, yaml, zod, the sync
// protocol's validators) are large to load.

export { fixMissingIds } from './deck/fix-ids.js';
export { displayPath, type LoadedDeck, loadDecks } from './deck/load-decks.js';
export { cardHeadings, parseDeck } from './deck/parse-deck.js';
export {
  nearestTagVocabulary,
  readTagVocabulary,
  TAG_VOCABULARY_FILE,
  type TagUse,
  type TagVocabulary,
  tagSyntaxWarnings,
  tagUses,
  unknownTagWarnings,
} from './deck/tag-vocabulary.js';
export {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveContents,
  type ArchiveManifest,
  exportArchive,
  readArchive,
} from './engine/archive.js';
export { importPaths } from './engine/import-paths.js';
export { restoreArchive } from './engine/restore-archive.js';
export { isValidSettingValue, parseSettingValue } from './scheduler/setting-values.js';
