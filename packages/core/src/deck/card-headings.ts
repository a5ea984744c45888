// Card headings: the level-2 headings that start cards, their `{#id}`s, and the card each one
// heads (the blocks up to the next level-1 or level-2 heading).
import { Source } from './markdown-source.js';
import { lineText, type Node, plainText, trailingText } from './markdown-tree.js';

/** Where a heading's `{#id}` sits, so `--fix` can insert one at `insertAt`. */
export interface CardHeading {
  line: number;
  /** The id, or null when the heading has none. */
  id: string | null;
  /** Plain text of the question, without the id. */
  text: string;
  /** Offset (in the text given to the parser) just after the heading's content. */
  insertAt: number;
}

/** A card's heading (and what it says), the blocks under it, and the offset where the card ends. */
export interface CardGroup {
  heading: Node;
  info: CardHeading;
  nodes: Node[];
  end: number;
}

/** The level-2 headings of a deck, with ids and insertion points, for `lint --fix`. */
export function cardHeadings(input: string): { bom: boolean; headings: CardHeading[] } {
  const bom = input.startsWith('\uFEFF');
  const src = new Source(bom ? input.slice(1) : input, '');
  return { bom, headings: cardGroups(src).map((g) => g.info) };
}

export function cardGroups(src: Source): CardGroup[] {
  const groups: CardGroup[] = [];
  let current: CardGroup | null = null;
  for (let node = src.tree.root.firstChild; node; node = node.next) {
    if (node.type === 'heading' && node.level <= 2) {
      if (current) current.end = src.start(node);
      current =
        node.level === 2
          ? { heading: node, info: describeHeading(src, node), nodes: [], end: src.text.length }
          : null;
      if (current) groups.push(current);
    } else if (current) {
      current.nodes.push(node);
    }
  }
  return groups;
}

export function describeHeading(src: Source, heading: Node): CardHeading {
  const { from, to } = headingContent(src, heading);
  const trailing = trailingText(heading);
  const token = trailing === null ? null : idToken(trailing);
  const text = token ? plainText(heading, trailing?.length, token.before) : plainText(heading);
  // An empty heading takes its id at the end of its line.
  const insertAt = from === to ? lineEndOffset(src, src.line(heading)) : to;
  return { line: src.line(heading), id: token?.id ?? null, text: text.trim(), insertAt };
}

/** The heading's inline markdown without its `{#id}` token. */
export function headingMarkdown(src: Source, heading: Node): string {
  const { from, to } = headingContent(src, heading);
  const md = src.between(from, to);
  const trailing = trailingText(heading);
  return trailing !== null && idToken(trailing) ? md.slice(0, md.lastIndexOf('{#')).trim() : md;
}

/** Splits a trailing `{#id}` off a heading's last text. */
export function idToken(value: string): { id: string; before: string } | null {
  const trimmed = value.trimEnd();
  if (!trimmed.endsWith('}')) return null;
  const open = trimmed.lastIndexOf('{#');
  if (open < 0) return null;
  return { id: trimmed.slice(open + 2, -1).trim(), before: trimmed.slice(0, open) };
}

function lineEndOffset(src: Source, n: number): number {
  const start = src.tree.lineStarts[n - 1] ?? src.text.length;
  return start + lineText(src.text, src.tree.lineStarts, n).trimEnd().length;
}

const ATX_OPENING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const ATX_CLOSING = /(?:^|[ \t]+)#+[ \t]*$/;

/**
 * The offsets of a heading's content: after `## ` and before any closing `##` (ATX), or the
 * lines above the underline (setext), without surrounding spaces.
 */
function headingContent(src: Source, heading: Node): { from: number; to: number } {
  const [startLine, endLine] = [src.line(heading), src.endLine(heading)];
  const lineStart = (n: number) => src.tree.lineStarts[n - 1] ?? src.text.length;
  const first = lineText(src.text, src.tree.lineStarts, startLine);
  const atx = ATX_OPENING.exec(first);
  if (atx) {
    const content = first.slice(atx[0].length).replace(/[ \t]+$/, '');
    const closed = content.replace(ATX_CLOSING, '');
    const from = lineStart(startLine) + atx[0].length;
    return { from, to: from + closed.length };
  }
  const last = lineText(src.text, src.tree.lineStarts, Math.max(startLine, endLine - 1));
  const from = lineStart(startLine) + (first.length - first.trimStart().length);
  return { from, to: lineStart(Math.max(startLine, endLine - 1)) + last.trimEnd().length };
}
