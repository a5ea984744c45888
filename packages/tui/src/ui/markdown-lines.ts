// Styled terminal lines for the markdown renderer: wrapping, cutting to a width, keeping SGR styles balanced.
import { displayWidth } from './display-width.js';

/**
 * `styled` wrapped to `width`: greedy at spaces, a word wider than the width broken between
 * characters, no spaces at either edge of a line, runs of spaces inside a line kept, `\n` kept.
 * Measured with string-width, as Ink measures. (wrap-ansi would do the same, but it re-measures
 * the row for every word with an older, slower string-width: a full render of every bundled
 * card took a second with it.)
 */
export function wrapStyled(styled: string, width: number): string[] {
  const out: string[] = [];
  for (const source of styled.split('\n')) {
    if (source.trim() === source && displayWidth(source) <= width) out.push(source);
    else wrapLine(source, width, out);
  }
  return balance(out);
}

function wrapLine(source: string, width: number, out: string[]): void {
  let line = '';
  let used = 0;
  let gap = 0; // spaces owed before the next word; dropped at a line break
  const words = source.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (i > 0 && used > 0) gap++;
    const w = displayWidth(word);
    if (w === 0) {
      line += word; // nothing, or only colour codes
      continue;
    }
    if (used + gap + w <= width) {
      line += ' '.repeat(gap) + word;
      used += gap + w;
      gap = 0;
      continue;
    }
    if (w <= width || (used > 0 && Math.ceil((w - (width - used - gap)) / width) >= Math.ceil(w / width))) {
      // the word starts a new line (a long word, only when that costs no extra line)
      out.push(line);
      [line, used, gap] = ['', 0, 0];
      if (w <= width) {
        [line, used] = [word, w];
        continue;
      }
    }
    if (used > 0) {
      line += ' '.repeat(gap);
      used += gap;
    }
    gap = 0;
    for (const [part, pw] of parts(word, width)) {
      if (used + pw > width && used > 0) {
        out.push(line);
        [line, used] = ['', 0];
      }
      line += part;
      used += pw;
    }
  }
  out.push(line);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` as SGR codes (width 0) and characters with their widths; none wider than `width`. */
function* parts(text: string, width: number): Generator<[string, number]> {
  for (const part of text.split(SGR_SPLIT)) {
    if (SGR_ONLY.test(part)) {
      yield [part, 0];
      continue;
    }
    for (const { segment } of graphemes.segment(part)) {
      const w = displayWidth(segment);
      yield w > width ? ['…', 1] : [segment, w]; // a wide character on a one-column screen
    }
  }
}

/** A line cut into pieces no wider than `width` (a prefix can push a line over): rarely cuts. */
export function fit(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const [part, w] of parts(line, width)) {
    if (used + w > width && used > 0) {
      pieces.push(piece);
      [piece, used] = ['', 0];
    }
    piece += part;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}

/** The count of leading spaces of a styled line, and the line without them (styles kept). */
export function splitIndent(line: string): [number, string] {
  let indent = 0;
  let kept = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      indent++;
      i++;
      continue;
    }
    const sgr = SGR_AT.exec(line.slice(i));
    if (!sgr) break;
    kept += sgr[0];
    i += sgr[0].length;
  }
  return [indent, kept + line.slice(i)];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_SPLIT = /(\u001b\[[0-9;]*m)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_ONLY = /^\u001b\[[0-9;]*m$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_AT = /^\u001b\[[0-9;]*m/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_ALL = /\u001b\[([0-9;]*)m/g;

export const stripSgr = (line: string): string => line.replace(SGR_ALL, '');

/** Which SGR parameter closes each attribute we open (chalk's level-1 codes). */
const CLOSERS: Record<string, string> = {
  '1': '22',
  '2': '22',
  '3': '23',
  '4': '24',
  '7': '27',
  '8': '28',
  '9': '29',
};
const CLOSING = new Set(['22', '23', '24', '27', '28', '29', '39', '49']);
const closerOf = (open: string): string => {
  const n = Number(open);
  if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) return '39';
  if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) return '49';
  return CLOSERS[open] ?? '0';
};

/**
 * Every line made self-contained: a style still open at the end of a line is closed there and
 * reopened on the next, so a viewport can show any slice of the lines without styles leaking.
 */
export function balance(lines: string[]): string[] {
  // open attributes, keyed by the code that closes them (bold and dim share 22, kept apart)
  let open = new Map<string, string>();
  return lines.map((line) => {
    const reopen = [...open.values()].map((code) => `\u001b[${code}m`).join('');
    if (!line.includes('\u001b') && open.size === 0) return line;
    for (const match of line.matchAll(SGR_ALL)) {
      for (const param of (match[1] || '0').split(';')) {
        if (param === '0' || param === '') open = new Map();
        else if (CLOSING.has(param)) {
          for (const [key, code] of open) if (closerOf(code) === param) open.delete(key);
        } else open.set(param === '1' || param === '2' ? param : closerOf(param), param);
      }
    }
    if (stripSgr(line) === '') return '';
    const close = [...open.values()].map((code) => `\u001b[${closerOf(code)}m`).join('');
    return reopen + line + close;
  });
}
