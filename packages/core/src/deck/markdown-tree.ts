// A deck file's markdown as a tree with exact positions. The parser is commonmark.js (the
// CommonMark reference implementation, ~40× faster than remark here, with line:column source
// positions on every block). Deck files also use two GitHub additions it does not know, read
// here with the rules GitHub's parser (micromark's gfm extensions) applies: YAML front matter and
// task-list markers. Inline nodes carry no positions; nothing needs them.
import type { Node } from 'commonmark';
import { type Edit, referenceResolvingParser } from './link-references.js';

export type { Node } from 'commonmark';

/** A place in the text: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** The YAML block opening the file: `---` on line 1 up to the next `---` line. */
export interface FrontMatter {
  /** The YAML between the fences (line endings kept, without the last one). */
  value: string;
  /** Line of the opening fence. */
  line: number;
}

export interface MarkdownTree {
  /** The document node; its children are the top-level blocks after the front matter. */
  root: Node;
  frontMatter: FrontMatter | null;
  /** True when line 1 opens a front matter (`---`) that no later `---` line closes. */
  frontMatterUnclosed: boolean;
  /** Offset where each line starts (index 0 is line 1). */
  lineStarts: number[];
  /**
   * What makes a slice of the text stand alone, in offset order: reference links written inline,
   * top-level link reference definitions cut (link-references.ts).
   */
  edits: Edit[];
}

let parse: ReturnType<typeof referenceResolvingParser> | null = null;

/** Parses `text` (no byte-order mark). Pure; commonmark never throws on any input. */
export function parseMarkdown(text: string): MarkdownTree {
  const lineStarts = findLineStarts(text);
  const frontMatter = readFrontMatterFence(text, lineStarts);
  // The front matter's lines are blanked with spaces, not cut, so every line keeps its number
  // and every character its offset.
  const body = frontMatter ? blankLines(text, lineStarts, frontMatter.endLine) : text;
  parse ??= referenceResolvingParser();
  const { root, edits } = parse(body, lineStarts);
  return {
    root,
    frontMatter: frontMatter?.matter ?? null,
    frontMatterUnclosed: !frontMatter && opensFrontMatter(text, lineStarts),
    lineStarts,
    edits,
  };
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The text of line `n` (1-based) without its line ending. */
export function lineText(text: string, lineStarts: readonly number[], n: number): string {
  const start = lineStarts[n - 1] ?? text.length;
  const next = lineStarts[n] ?? text.length;
  return text.slice(start, next).replace(/\r?\n$|\r$/, '');
}

const FENCE = /^---[ \t]*$/;

function opensFrontMatter(text: string, starts: readonly number[]): boolean {
  return FENCE.test(lineText(text, starts, 1));
}

function readFrontMatterFence(
  text: string,
  starts: readonly number[],
): { matter: FrontMatter; endLine: number } | null {
  if (starts.length < 2 || !opensFrontMatter(text, starts)) return null;
  for (let n = 2; n <= starts.length; n++) {
    if (!FENCE.test(lineText(text, starts, n))) continue;
    const from = starts[1] ?? 0;
    const to = (starts[n - 1] ?? 0) - lineEndingBefore(text, starts[n - 1] ?? 0);
    return { matter: { value: n === 2 ? '' : text.slice(from, to), line: 1 }, endLine: n };
  }
  return null;
}

function lineEndingBefore(text: string, offset: number): number {
  if (text[offset - 1] !== '\n') return text[offset - 1] === '\r' ? 1 : 0;
  return text[offset - 2] === '\r' ? 2 : 1;
}

function blankLines(text: string, starts: readonly number[], lastLine: number): string {
  const end = starts[lastLine] ?? text.length;
  return text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/** The block children of a node. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let child = node.firstChild; child; child = child.next) out.push(child);
  return out;
}

/** Where a block starts. */
export function startOf(tree: MarkdownTree, node: Node): Point {
  const [line, column] = node.sourcepos[0];
  return { line, column, offset: (tree.lineStarts[line - 1] ?? 0) + column - 1 };
}

/** Where a block ends: just after its last character. */
export function endOf(tree: MarkdownTree, node: Node): Point {
  const [line, column] = node.sourcepos[1];
  return { line, column, offset: (tree.lineStarts[line - 1] ?? 0) + column };
}

/**
 * The plain text of a node: its text, code and HTML, without markup (image alt text included,
 * hard breaks as nothing), as mdast-util-to-string gives it; GitHub's `~strike~` is unwrapped.
 * `dropLast` characters at the end are replaced by `replacement` first (a heading without its id).
 */
export function plainText(node: Node, dropLast = 0, replacement = ''): string {
  const raw = rawText(node);
  return unwrapStrikethrough(dropLast > 0 ? raw.slice(0, raw.length - dropLast) + replacement : raw);
}

function rawText(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) {
    if (!step.entering) continue;
    const n = step.node;
    if (n.type === 'text') out += n.literal ?? '';
    else if (n.type === 'softbreak') out += '\n';
    else if (n.type === 'code' || n.type === 'html_inline') out += n.literal ?? '';
    else if (n.type === 'code_block' || n.type === 'html_block') out += (n.literal ?? '').replace(/\n$/, '');
  }
  return out;
}

/** The text of a node's leading run of text children (commonmark splits text at `[`, `!`, ...). */
export function leadingText(node: Node): string {
  let out = '';
  for (let child = node.firstChild; child?.type === 'text'; child = child.next) out += child.literal ?? '';
  return out;
}

/** The text of a node's trailing run of text children; null when its last child is not text. */
export function trailingText(node: Node): string | null {
  if (node.lastChild?.type !== 'text') return null;
  let out = '';
  for (let child: Node | null = node.lastChild; child?.type === 'text'; child = child.prev)
    out = (child.literal ?? '') + out;
  return out;
}

// GFM strikethrough: one or two tildes on each side, opening before and closing after non-space.
const STRIKE = /(?<!~)(~~?)(?!~)(?=\S)([^~]*?\S)\1(?!~)/g;
function unwrapStrikethrough(text: string): string {
  return text.includes('~') ? text.replace(STRIKE, '$2') : text;
}

/**
 * A list item's task marker, as GitHub reads it: the item's first block is a paragraph starting
 * with `[ ]`, `[x]` or `[X]`, followed by a line ending, or by spaces and then more text.
 * Null when the item is not a task.
 */
export function taskChecked(tree: MarkdownTree, text: string, item: Node): boolean | null {
  const first = item.firstChild;
  if (first?.type !== 'paragraph') return null;
  const from = startOf(tree, first).offset;
  const raw = text.slice(from, endOf(tree, first).offset).trimEnd();
  const match = /^\[([ \t\r\nxX])\](\r?\n|\r|[ \t]+.)/s.exec(raw);
  if (!match) return null;
  return match[1] === 'x' || match[1] === 'X';
}
