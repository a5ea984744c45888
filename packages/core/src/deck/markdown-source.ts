// A deck file's source: its markdown tree and a position-aware view of the text that collects
// problems at file:line:col.

import { endOf, type MarkdownTree, type Node, parseMarkdown, startOf } from './markdown-tree.js';
import type { Problem } from './model.js';
import { type DeckProblemCode, type DetailsArg, describeDeckProblem } from './problems.js';

/** A place to report a problem: a block, or a line and column. */
export type At = Node | { line: number; column: number };

export class Source {
  readonly problems: Problem[] = [];
  readonly tree: MarkdownTree;
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.tree = parseMarkdown(text);
  }

  /** Offset where a block starts / just after it ends. */
  start(node: Node): number {
    return startOf(this.tree, node).offset;
  }
  end(node: Node): number {
    return endOf(this.tree, node).offset;
  }
  line(node: Node): number {
    return node.sourcepos[0][0];
  }
  endLine(node: Node): number {
    return node.sourcepos[1][0];
  }

  /**
   * The source from `from` to `to` (offsets) as card text: with its reference links written
   * inline and link definitions cut (see MarkdownTree.edits), LF line endings, and without leading
   * blank lines or trailing whitespace; the first line keeps its indent (indented code needs it).
   */
  between(from: number, to: number): string {
    return this.edited(from, to)
      .replace(/^(?:[ \t]*\n)+/, '')
      .trimEnd();
  }

  /** The source from `from` to `to` with its reference links written inline and LF line endings, untrimmed. */
  edited(from: number, to: number): string {
    if (to <= from) return '';
    let text = '';
    let at = from;
    for (const edit of this.tree.edits) {
      if (edit.from < from || edit.to > to) continue;
      text += this.text.slice(at, edit.from) + edit.insert;
      at = edit.to;
    }
    return normalizeNewlines(text + this.text.slice(at, to));
  }

  /** The 1-based line and column of an offset. */
  at(offset: number): { line: number; column: number } {
    const starts = this.tree.lineStarts;
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  /** The source of a run of sibling blocks, from the first's start to the last's end. */
  slice(nodes: readonly Node[]): string {
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    return first && last ? this.between(this.start(first), this.end(last)) : '';
  }

  /** Records problem `code` (see problems.ts) at a block or a line and column. */
  report<C extends DeckProblemCode>(at: At, code: C, ...details: DetailsArg<C>): void {
    const point = 'sourcepos' in at ? startOf(this.tree, at) : at;
    const described = describeDeckProblem(code, ...details);
    this.problems.push({ file: this.file, line: point.line, column: point.column, ...described });
  }
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
