// Markdown block tokens (paragraphs, headings, lists, quotes, code, tables) as lines within a width.
import type { MarkedToken, Token, Tokens } from 'marked';
import { displayWidth } from './display-width.js';
import { inline, text } from './markdown-inline.js';
import { splitIndent, stripSgr, wrapStyled } from './markdown-lines.js';
import type { Ctx } from './markdown-style.js';
import { table } from './markdown-table.js';

/** Block tokens as lines, a blank line between blocks when `loose`. */
export function blocks(tokens: readonly Token[], width: number, ctx: Ctx, loose: boolean): string[] {
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
    const hang = displayWidth(marker) + 1;
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
    if (displayWidth(line) <= avail) return [pad + line];
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
