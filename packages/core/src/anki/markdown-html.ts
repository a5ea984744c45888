// Deck markdown as HTML for Anki's fields, rendered by commonmark.js (the parser grill reads
// decks with). Raw HTML in the markdown is kept, as Anki shows fields as HTML.
import { HtmlRenderer, Parser } from 'commonmark';

// Made on first use: a module that does nothing when loaded is left out of a bundle whose code
// never calls it.
let markdown: { parser: Parser; renderer: HtmlRenderer } | undefined;

/** Markdown blocks as HTML ('' for blank markdown). */
export function markdownHtml(text: string): string {
  markdown ??= { parser: new Parser(), renderer: new HtmlRenderer() };
  return markdown.renderer.render(markdown.parser.parse(text)).trimEnd();
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
