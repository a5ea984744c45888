import { InvalidInputError } from '../errors.js';

/** Code of every error about an unreadable Anki package. */
export const ANKI_PACKAGE_ERROR = 'anki-package';

/** The error for a package that cannot be read: `<label>: <problem>`, one line. */
export function packageError(label: string, problem: string): InvalidInputError {
  return new InvalidInputError(ANKI_PACKAGE_ERROR, `${label}: ${problem}`);
}

/** The first line of a thrown value's message, for appending to ours. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

/** Code of every error about data an Anki package cannot be written from. */
export const ANKI_EXPORT_ERROR = 'anki-export';

/** The error for data `writeAnkiPackage` refuses: one line saying what is wrong. */
export function exportError(problem: string): InvalidInputError {
  return new InvalidInputError(ANKI_EXPORT_ERROR, `cannot write an Anki package: ${problem}`);
}
