// Writing a file a command produces (an archive, a package, a CSV) so that a failure never leaves a
// half-written file: through a temporary file beside it, renamed into place only once whole.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '@grill/core';

const PROBLEMS: Record<string, string> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a file is in the way of its folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space is left on the disk',
};

/**
 * Writes `data` to `file`, replacing it: a failure leaves the old file, or none, and no temporary
 * file behind, and throws InvalidInputError `cannot-write` saying why in plain words.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
      throw Object.assign(new Error(), { code: 'EISDIR' });
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InvalidInputError(
      'cannot-write',
      `cannot write ${file}: ${PROBLEMS[code] ?? code}; nothing written`,
    );
  }
}
