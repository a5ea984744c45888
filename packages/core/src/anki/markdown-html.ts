// Deck markdown as HTML for Anki's fields, rendered by commonmark.js (the parser grill reads
// decks with). Raw HTML in the markdown is escaped: grill shows it as text, and deck files are
// untrusted — Anki would run a <script> in a field. Pipe tables (which commonmark does not know,
// and whose lines HTML would run together) are kept as preformatted text.
import { HtmlRenderer, Parser } from 'commonmark';

// Made on first use: a module that does nothing when loaded is left out of a bundle whose code
// never calls it.
let markdown: { parser: Parser; renderer: HtmlRenderer } | undefined;

/** Markdown blocks as HTML ('' for blank markdown). */
export function markdownHtml(text: string): string {
  markdown ??= { parser: new Parser(), renderer: escapingRenderer() };
  return markdown.renderer.render(markdown.parser.parse(fenceTables(text))).trimEnd();
}

type RendererInternals = {
  html_inline(node: { literal: string | null }): void;
  html_block(node: { literal: string | null }): void;
  out(text: string): void;
  cr(): void;
  tag(name: string): void;
};

/** commonmark's HTML renderer, writing raw HTML as escaped text (`out` escapes). */
function escapingRenderer(): HtmlRenderer {
  const renderer = new HtmlRenderer();
  const r = renderer as unknown as RendererInternals;
  r.html_inline = function (this: RendererInternals, node) {
    this.out(node.literal ?? '');
  };
  r.html_block = function (this: RendererInternals, node) {
    this.cr();
    this.tag('p');
    this.out((node.literal ?? '').trimEnd());
    this.tag('/p');
    this.cr();
  };
  return renderer;
}

/** Runs of two or more lines starting with `|` (a pipe table) put in a fenced code block. */
function fenceTables(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    let end = i;
    while (!inFence && end < lines.length && /^\s*\|/.test(lines[end] as string)) end++;
    if (end - i >= 2) {
      out.push('```', ...lines.slice(i, end), '```');
      i = end - 1;
    } else out.push(line);
  }
  return out.join('\n');
}

// Put before inline markdown so that its first line cannot start a block (`1.`, `#`, `-`, `>`):
// punctuation, so that emphasis right after it opens as it would at the start of a line.
const GUARD = '(';

/**
 * Inline markdown (a question, an option, a rubric point) as HTML without a paragraph around it,
 * as grill shows it in a line. Text that is more than one paragraph is rendered as blocks.
 */
export function inlineHtml(markdown: string): string {
  if (markdown.trim() === '') return '';
  const html = markdownHtml(GUARD + markdown);
  const inline = /^<p>\(([\s\S]*)<\/p>$/.exec(html);
  if (inline && !inline[1]?.includes('<p>')) return inline[1] ?? '';
  return markdownHtml(markdown);
}
