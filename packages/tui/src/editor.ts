import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';

/** What became of an editor run: `changed` tells whether the file's content differs afterwards. */
export type EditorResult = { ok: true; changed: boolean } | { ok: false; message: string };

const PLUS_LINE = new Set([
  'vi',
  'vim',
  'nvim',
  'nano',
  'emacs',
  'emacsclient',
  'micro',
  'kak',
  'hx',
  'ne',
  'joe',
  'mg',
]);
const GOTO = new Set(['code', 'codium', 'code-insiders', 'cursor']);
const FILE_COLON_LINE = new Set(['subl', 'zed']);

/**
 * Opens `file` at `line` in the user's editor and waits for it, the way git runs an editor:
 * `$VISUAL`, else `$EDITOR`, else `vi`, given to `sh -c '<editor> "$@"'`, so the editor may carry
 * arguments (`code --wait`) or be a quoted path with spaces, while the file name is never parsed
 * by the shell. Editors known to take a line get it (`+LINE FILE`, `--goto FILE:LINE`,
 * `FILE:LINE`); others get just `FILE`.
 *
 * Never throws for an editor problem: a missing editor, a non-zero exit or a signal comes back
 * as `{ ok: false, message }`, one line for the status bar. The terminal must be out of raw mode
 * around the call (the caller's job).
 */
export function openInEditor(file: string, line: number, env: NodeJS.ProcessEnv = process.env): EditorResult {
  const editor = env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
  const program = firstWord(editor);
  const args = editorArgs(path.basename(program).toLowerCase(), file, line);
  const before = contentHash(file);
  const result =
    process.platform === 'win32'
      ? spawnSync(`${editor} ${args.map((a) => `"${a}"`).join(' ')}`, { stdio: 'inherit', env, shell: true })
      : spawnSync('sh', ['-c', `${editor} "$@"`, editor, ...args], { stdio: 'inherit', env });
  if (result.error) return { ok: false, message: `could not start the editor: ${result.error.message}` };
  if (result.signal)
    return { ok: false, message: `editor was killed by ${result.signal}; nothing re-imported` };
  if (result.status === 127)
    return { ok: false, message: `editor "${program}" not found (set $VISUAL or $EDITOR)` };
  if (result.status === 126)
    return { ok: false, message: `editor "${program}" cannot be run (is it executable?)` };
  // A shell reports a command killed by signal N as status 128+N.
  const signal = result.status !== null && result.status > 128 ? signalName(result.status - 128) : null;
  if (signal) return { ok: false, message: `editor was killed by ${signal}; nothing re-imported` };
  if (result.status !== 0)
    return { ok: false, message: `editor exited with status ${result.status}; nothing re-imported` };
  return { ok: true, changed: contentHash(file) !== before };
}

/** The arguments that open `file` at `line` in the editor called `name`. */
export function editorArgs(name: string, file: string, line: number): string[] {
  if (PLUS_LINE.has(name)) return [`+${line}`, file];
  if (GOTO.has(name)) return ['--goto', `${file}:${line}`];
  if (FILE_COLON_LINE.has(name)) return [`${file}:${line}`];
  return [file];
}

/** The program of an editor command line, unquoted: `"/my apps/vim" -u NONE` → `/my apps/vim`. */
export function firstWord(command: string): string {
  let word = '';
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < command.length) word += command[++i];
    else if (/\s/.test(ch)) {
      if (word) break;
    } else word += ch;
  }
  return word;
}

function contentHash(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

function signalName(n: number): string | null {
  return Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? null;
}
