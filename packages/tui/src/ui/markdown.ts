// The terminal markdown renderer's public surface: markdown in, styled lines within a width out.
/**
 * A line-based renderer: marked's lexer gives the tokens, the markdown-* files beside this one
 * turn them into lines no wider than the width, so a viewport can slice a card body by lines.
 * Deck text is untrusted, so it goes through terminalSafe before lexing: the only escape codes in
 * the output are this renderer's own SGR colours, and every line closes the styles it opens.
 */
import { terminalSafe } from '@grill/core';
import { Marked } from 'marked';
import { blocks } from './markdown-blocks.js';
import { inline } from './markdown-inline.js';
import { balance, fit } from './markdown-lines.js';
import { type Ctx, style } from './markdown-style.js';

export { preloadHighlighter } from './markdown-highlight.js';
export { wrapStyled } from './markdown-lines.js';

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
