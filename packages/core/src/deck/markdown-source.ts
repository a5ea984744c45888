// The markdown source of a deck file: the parser (remark with front matter and GFM) and a
// position-aware view of the text that collects problems at file:line:col.
import type { Nodes } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Problem } from './model.js';

let processor: ReturnType<typeof makeProcessor> | null = null;
const makeProcessor = () => unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
/** The markdown parser, made once. */
export const parser = () => {
  processor ??= makeProcessor();
  return processor;
};

/** A position-aware view of the source, shared by the helpers below. */
export class Source {
  readonly problems: Problem[] = [];
  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  slice(nodes: readonly Nodes[]): string {
    const first = nodes[0]?.position;
    const last = nodes[nodes.length - 1]?.position;
    if (!first || !last) return '';
    return normalizeNewlines(this.text.slice(first.start.offset, last.end.offset)).trim();
  }

  problem(at: Nodes | { line: number; column: number }, code: string, message: string, hint: string): void {
    const point = 'type' in at ? at.position?.start : at;
    this.problems.push({
      file: this.file,
      line: point?.line ?? 1,
      column: point?.column ?? 1,
      code,
      message,
      hint,
    });
  }
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
