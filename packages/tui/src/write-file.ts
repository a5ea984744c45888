// Writing a file a command produces (an archive, a package, a CSV) so that a failure never leaves a
// half-written file: through a temporary file beside it, renamed into place only once whole.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Throws InvalidInputError before anything is made when `out` (a path as typed) cannot be written
 * as a new file: it is a folder (`cannot-write`), or it exists and `force` was not given (`exists`).
 */
export function checkNewFile(out: string, force: boolean | undefined): void {
  if (!existsSync(out)) return;
  if (statSync(out).isDirectory())
    throw new InvalidInputError('cannot-write', `--out ${out} is a folder: name the file to write`);
  if (!force)
    throw new InvalidInputError('exists', `${out} already exists: nothing written (--force overwrites it)`);
}
