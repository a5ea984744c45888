// Markdown made from a field, cut into its top-level blocks (with commonmark, the parser grill
// reads decks with), so that a card can be assembled from them: the question's first line, a
// list of options, a labelled paragraph.
import { type Node, Parser } from 'commonmark';

export interface Block {
  /** commonmark's node type: `paragraph`, `list`, `code_block`, `heading`, … */
  type: string;
  /** The block's markdown as written. */
  text: string;
  /** Ordered lists: 'ordered'; bullet lists: 'bullet'; other blocks: null. */
  listType: string | null;
  /** A list's items, each as one line of markdown (its paragraphs joined); null for other blocks, or an item that is not one paragraph. */
  items: string[] | null;
}

let parser: Parser | undefined;

export function markdownBlocks(markdown: string): Block[] {
  parser ??= new Parser();
  const root = parser.parse(markdown);
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let node = root.firstChild; node; node = node.next) {
    const [[from], [to]] = node.sourcepos;
    const text = lines.slice(from - 1, to).join('\n');
    const list = node.type === 'list';
    blocks.push({
      type: node.type,
      text,
      listType: list ? (node.listType === 'ordered' ? 'ordered' : 'bullet') : null,
      items: list ? listItems(lines, node) : null,
    });
  }
  return blocks;
}

/** The source of a paragraph nested in a list: from its first character to its last, lines unindented. */
function sourceOf(lines: readonly string[], node: Node): string {
  const [[startLine, startColumn], [endLine, endColumn]] = node.sourcepos;
  const picked = lines.slice(startLine - 1, endLine);
  if (picked.length === 0) return '';
  const last = picked.length - 1;
  picked[last] = (picked[last] ?? '').slice(0, endColumn);
  picked[0] = (picked[0] ?? '').slice(startColumn - 1);
  return picked.map((line) => line.trimStart()).join('\n');
}

/** Each item of a list as one line, or null when an item is not exactly one paragraph. */
function listItems(lines: readonly string[], list: Node): string[] | null {
  const items: string[] = [];
  for (let item = list.firstChild; item; item = item.next) {
    const paragraph = item.firstChild;
    if (paragraph?.type !== 'paragraph' || paragraph.next) return null;
    items.push(oneLine(sourceOf(lines, paragraph)));
  }
  return items;
}

/** Lines of inline markdown as one line: hard breaks become spaces. */
export function oneLine(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.replace(/(?: {2,}|\\)$/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}
