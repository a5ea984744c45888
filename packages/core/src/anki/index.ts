/** Reading Anki packages (.apkg, .colpkg) of every generation, and writing them. */

export { ankiGuid } from './guid.js';
export type * from './model.js';
export { ANKI_EXPORT_ERROR, ANKI_PACKAGE_ERROR } from './package-error.js';
export { readAnkiPackage } from './read-package.js';
export { type AnkiWriteVersion, type WriteAnkiPackageOptions, writeAnkiPackage } from './write-package.js';
