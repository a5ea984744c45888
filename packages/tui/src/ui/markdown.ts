import { terminalSafe } from '@grill/core';
import { Chalk, type ChalkInstance } from 'chalk';
import { highlight, supportsLanguage, type Theme } from 'cli-highlight';
import { Marked, type MarkedToken, type Token, type Tokens } from 'marked';
import stringWidth from 'string-width';

/**
 * A line-based terminal markdown renderer: marked's lexer gives the tokens, this file turns them
 * into lines no wider than the width, so a viewport can slice a card body by lines. Deck text is
 * untrusted, so it goes through terminalSafe before lexing: the only escape codes in the output
 * are this renderer's own SGR colours, and every line closes the styles it opens.
 */

export interface RenderOptions {
  /** Default: colorEnabled(). */
  color?: boolean;
}

/** Lines, each at most `width` terminal columns wide (string-width). No trailing empty lines. */
export function renderMarkdownLines(markdown: string, width: number, opts: RenderOptions = {}): string[] {
  const cols = Number.isFinite(width) ? Math.max(1, Math.floor(width)) : 80;
  const ctx: Ctx = { s: style(opts.color ?? colorEnabled()), depth: 0 };
  const tokens = lexer.lexer(terminalSafe(markdown));
  const lines = blocks(tokens, cols, ctx, true).flatMap((line) => fit(line, cols));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return balance(lines);
}

/** renderMarkdownLines joined with '\n'. */
export function renderMarkdown(markdown: string, width: number, opts: RenderOptions = {}): string {
  return renderMarkdownLines(markdown, width, opts).join('\n');
}

/**
 * One line of inline markdown (a card title, a note): `code` styled without backticks, **bold**,
 * *em*, links as text, control characters made visible. Not wrapped: callers wrap it.
 */
export function renderInline(markdown: string, opts: RenderOptions = {}): string {
  const s = style(opts.color ?? colorEnabled());
  const tokens = lexer.Lexer.lexInline(terminalSafe(markdown), lexer.defaults);
  return balance([inline(tokens, s).replace(/\n/g, ' ')])[0] as string;
}

/** NO_COLOR (https://no-color.org) turns every colour off, including table borders. */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR && env.FORCE_COLOR !== '0';
}

// One instance with marked's defaults, whatever marked.use() elsewhere does to the global one.
const lexer = new Marked();

interface Style {
  bold(text: string): string;
  italic(text: string): string;
  strike(text: string): string;
  code(text: string): string;
  dim(text: string): string;
  /** Syntax highlighting for a fenced block, or null when it stays plain. */
  highlight: ((code: string, language: string) => string) | null;
}

interface Ctx {
  s: Style;
  /** Nesting depth of lists, for the bullet shape. */
  depth: number;
}

function makeStyle(chalk: ChalkInstance, color: boolean): Style {
  // Every colour cli-highlight's default theme sets, from our chalk, so its own (chalk 4, with
  // its own colour detection) is never used.
  const theme: Theme = {
    keyword: chalk.blue,
    built_in: chalk.cyan,
    type: chalk.cyan.dim,
    literal: chalk.blue,
    number: chalk.green,
    regexp: chalk.red,
    string: chalk.red,
    class: chalk.blue,
    function: chalk.yellow,
    comment: chalk.green,
    doctag: chalk.green,
    meta: chalk.gray,
    tag: chalk.gray,
    name: chalk.blue,
    attr: chalk.cyan,
    emphasis: chalk.italic,
    strong: chalk.bold,
    link: chalk.underline,
    addition: chalk.green,
    deletion: chalk.red,
    default: (text) => text,
  };
  return {
    bold: (t) => chalk.bold(t),
    italic: (t) => chalk.italic(t),
    strike: color ? (t) => chalk.strikethrough(t) : (t) => `~~${t}~~`,
    code: (t) => chalk.yellow(t),
    dim: (t) => chalk.dim(t),
    highlight: color
      ? (code, language) => {
          if (PLAIN_LANGUAGES.has(language) || !supportsLanguage(language)) return code;
          try {
            return highlight(code, { language, ignoreIllegals: true, theme });
          } catch {
            return code;
          }
        }
      : null,
  };
}

const PLAIN_LANGUAGES = new Set(['', 'text', 'txt', 'plain', 'plaintext']);
const STYLES = [makeStyle(new Chalk({ level: 0 }), false), makeStyle(new Chalk({ level: 1 }), true)] as const;
const style = (color: boolean): Style => STYLES[color ? 1 : 0];

// ---------------------------------------------------------------------------------------------
// Blocks

/** Block tokens as lines, a blank line between blocks when `loose`. */
function blocks(tokens: readonly Token[], width: number, ctx: Ctx, loose: boolean): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const lines = block(token as MarkedToken, width, ctx);
    if (lines.length === 0) continue;
    if (loose && out.length > 0) out.push('');
    out.push(...lines);
  }
  return out;
}

function block(t: MarkedToken, width: number, ctx: Ctx): string[] {
  const { s } = ctx;
  switch (t.type) {
    case 'space':
    case 'def':
      return [];
    case 'paragraph':
      return wrapStyled(inline(t.tokens, s), width);
    case 'text':
      return wrapStyled(t.tokens ? inline(t.tokens, s) : text(t.text), width);
    case 'heading':
      return wrapStyled(s.bold(inline(t.tokens, s)), width);
    case 'hr':
      return [s.dim('─'.repeat(width))];
    case 'code':
      return code(t, width, ctx);
    case 'blockquote': {
      const bar = s.dim('│');
      return blocks(t.tokens, Math.max(1, width - 2), ctx, true).map((l) => (l === '' ? bar : `${bar} ${l}`));
    }
    case 'list':
      return list(t, width, ctx);
    case 'table':
      return table(t, width, s);
    case 'html': {
      if (/^\s*<!--[\s\S]*-->\s*$/.test(t.text)) return [];
      return t.text
        .replace(/\s+$/, '')
        .split('\n')
        .flatMap((line) => wrapStyled(line.replace(/\t/g, '  '), width));
    }
    default: {
      const raw = 'text' in t && typeof t.text === 'string' ? t.text : t.raw;
      return raw.trim() === '' ? [] : wrapStyled(text(raw), width);
    }
  }
}

const BULLETS = ['•', '◦', '▪'] as const;

function list(t: Tokens.List, width: number, ctx: Ctx): string[] {
  const start = typeof t.start === 'number' ? t.start : 1;
  const numbers = t.items.map((_, i) => `${start + i}.`);
  const numberWidth = Math.max(0, ...numbers.map((n) => n.length));
  const bullet = BULLETS[ctx.depth % BULLETS.length] as string;
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  const out: string[] = [];
  t.items.forEach((item, i) => {
    const box = item.task ? (item.checked ? '[x]' : '[ ]') : '';
    const head = t.ordered ? (numbers[i] as string).padStart(numberWidth) : box ? '' : bullet;
    const marker = [head, box].filter(Boolean).join(' ');
    const hang = stringWidth(marker) + 1;
    const body = blocks(item.tokens, Math.max(1, width - hang), inner, t.loose);
    if (t.loose && i > 0) out.push('');
    out.push(`${marker} ${body[0] ?? ''}`.trimEnd());
    for (const line of body.slice(1)) out.push(line === '' ? '' : ' '.repeat(hang) + line);
  });
  return out;
}

const CODE_INDENT = 2;
/** A wrapped code line keeps its own indentation only while this much room is left for code. */
const MIN_CODE = 8;

function code(t: Tokens.Code, width: number, { s }: Ctx): string[] {
  const avail = Math.max(1, width - CODE_INDENT);
  const source = t.text.split('\n').map(expandTabs).join('\n');
  const language = (t.lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const shown = s.highlight ? s.highlight(source, language) : source;
  const pad = ' '.repeat(CODE_INDENT);
  return shown.split('\n').flatMap((line) => {
    if (stripSgr(line).trim() === '') return [''];
    if (stringWidth(line) <= avail) return [pad + line];
    const [indent, rest] = splitIndent(line);
    const keep = Math.min(indent, Math.max(0, avail - MIN_CODE));
    return wrapStyled(rest, avail - keep).map((piece) => pad + ' '.repeat(keep) + piece);
  });
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** The count of leading spaces of a styled line, and the line without them (styles kept). */
function splitIndent(line: string): [number, string] {
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

// ---------------------------------------------------------------------------------------------
// Tables

const COLUMN_GAP = 3; // ' │ '
/** Narrower than this (or its content), a cell breaks most words: the table is stacked instead. */
const MIN_COLUMN = 10;

function table(t: Tokens.Table, width: number, s: Style): string[] {
  const header = t.header.map((cell) => inline(cell.tokens, s).replace(/\n/g, ' '));
  const rows = t.rows.map((row) => row.map((cell) => inline(cell.tokens, s).replace(/\n/g, ' ')));
  const n = header.length;
  const all = [header, ...rows];
  const natural = header.map((_, c) => Math.max(1, ...all.map((row) => stringWidth(row[c] ?? ''))));
  const longestWord = header.map((_, c) =>
    Math.max(1, ...all.flatMap((row) => (row[c] ?? '').split(' ').map((w) => stringWidth(w)))),
  );
  const room = width - COLUMN_GAP * (n - 1);
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
  if (sum(floor) > room) return stacked(header, rows, width, s);

  const widths = [...floor];
  fill(
    widths,
    natural.map((w, c) => Math.min(w, longestWord[c] as number)),
    room,
  );
  fill(widths, natural, room);

  const sep = s.dim(' │ ');
  const rule = s.dim(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  const renderRow = (cells: readonly string[], bold: boolean): string[] => {
    const wrapped = widths.map((w, c) => wrapStyled(bold ? s.bold(cells[c] ?? '') : (cells[c] ?? ''), w));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, i) =>
      widths
        .map((w, c) => align(wrapped[c]?.[i] ?? '', w, t.align[c] ?? null))
        .join(sep)
        .replace(/ +$/, ''),
    );
  };
  const body = rows.map((row) => renderRow(row, false));
  const ruled = body.some((lines) => lines.length > 1);
  return [
    ...renderRow(header, true),
    rule,
    ...body.flatMap((lines, i) => (ruled && i > 0 ? [rule, ...lines] : lines)),
  ];
}

/** A table too wide for the screen: one `Header: value` line per cell, a blank line between rows. */
function stacked(header: readonly string[], rows: readonly string[][], width: number, s: Style): string[] {
  return rows.flatMap((row, r) => {
    const lines = header.flatMap((h, c) => {
      const value = row[c] ?? '';
      const [first = '', ...rest] = wrapStyled(h ? `${s.bold(`${h}:`)} ${value}` : value, width);
      if (rest.length === 0) return [first];
      return [first, ...wrapStyled(rest.join(' '), Math.max(1, width - 2)).map((l) => `  ${l}`)];
    });
    return r > 0 ? ['', ...lines] : lines;
  });
}

/** Grows `widths` towards `target` within `room`, the narrowest first (max-min fair). */
function fill(widths: number[], target: readonly number[], room: number): void {
  let left = room - sum(widths);
  for (;;) {
    const open = widths.map((_, c) => c).filter((c) => (widths[c] as number) < (target[c] as number));
    if (left <= 0 || open.length === 0) return;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const c of open) {
      const add = Math.min(share, (target[c] as number) - (widths[c] as number), left);
      widths[c] = (widths[c] as number) + add;
      left -= add;
    }
  }
}

function align(text: string, width: number, how: 'left' | 'right' | 'center' | null): string {
  const gap = Math.max(0, width - stringWidth(text));
  if (how === 'right') return ' '.repeat(gap) + text;
  if (how === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------
// Inline

function inline(tokens: readonly Token[] | undefined, s: Style): string {
  let out = '';
  for (const token of tokens ?? []) out += inlineToken(token as MarkedToken, s);
  return out;
}

function inlineToken(t: MarkedToken, s: Style): string {
  switch (t.type) {
    case 'text':
      return t.tokens ? inline(t.tokens, s) : text(t.text);
    case 'escape':
      return t.text;
    case 'codespan':
      return s.code(t.text.replace(/\s/g, ' '));
    case 'strong':
      return s.bold(inline(t.tokens, s));
    case 'em':
      return s.italic(inline(t.tokens, s));
    case 'del':
      return s.strike(inline(t.tokens, s));
    case 'br':
      return '\n';
    case 'link': {
      const label = inline(t.tokens, s);
      const href = t.href.replace(/^mailto:/, '');
      return href === '' || stripSgr(label) === href ? label : `${label} ${s.dim(`(${href})`)}`;
    }
    case 'image': {
      const alt = text(t.text);
      return s.dim(alt ? `[image: ${alt}] (${t.href})` : `[image] (${t.href})`);
    }
    case 'html':
      return t.text.replace(/\s+/g, ' ');
    default:
      return 'text' in t && typeof t.text === 'string' ? text(t.text) : text(t.raw);
  }
}

/** Inline source text: entities decoded, soft line breaks and tabs as spaces. */
function text(raw: string): string {
  return decodeEntities(raw)
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(/\t/g, ' ');
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  larr: '←',
  rarr: '→',
  times: '×',
  copy: '©',
};

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    // `&#27;` must not become a real ESC: decoded characters are made terminal-safe too.
    return terminalSafe(String.fromCodePoint(code)).replace(/[\t\n]/g, ' ');
  });
}

// ---------------------------------------------------------------------------------------------
// Lines: wrapping, width and styles

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
    if (source.trim() === source && stringWidth(source) <= width) out.push(source);
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
    const w = stringWidth(word);
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
      const w = stringWidth(segment);
      yield w > width ? ['…', 1] : [segment, w]; // a wide character on a one-column screen
    }
  }
}

/** A line cut into pieces no wider than `width` (a prefix can push a line over): rarely cuts. */
function fit(line: string, width: number): string[] {
  if (stringWidth(line) <= width) return [line];
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_SPLIT = /(\u001b\[[0-9;]*m)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_ONLY = /^\u001b\[[0-9;]*m$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_AT = /^\u001b\[[0-9;]*m/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own SGR codes
const SGR_ALL = /\u001b\[([0-9;]*)m/g;

const stripSgr = (line: string): string => line.replace(SGR_ALL, '');

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
function balance(lines: string[]): string[] {
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
