// Inline markdown tokens (code spans, emphasis, links, entities) as one styled string.
import { terminalSafe } from '@grill/core';
import type { MarkedToken, Token } from 'marked';
import { stripSgr } from './markdown-lines.js';
import type { Style } from './markdown-style.js';

export function inline(tokens: readonly Token[] | undefined, s: Style): string {
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
export function text(raw: string): string {
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
