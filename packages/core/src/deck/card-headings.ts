// Card headings: the level-2 headings that start cards, and their `{#id}`s.
import type { Heading, Root, RootContent, Text } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { parser } from './markdown-source.js';

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

/** The level-2 headings of a deck, with ids and insertion points, for `lint --fix`. */
export function cardHeadings(input: string): { bom: boolean; headings: CardHeading[] } {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const tree = parser().parse(text) as Root;
  return { bom, headings: [...cardGroups(tree)].map((g) => describeHeading(g.heading)) };
}

export function* cardGroups(tree: Root): Generator<{ heading: Heading; nodes: RootContent[] }> {
  let current: { heading: Heading; nodes: RootContent[] } | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      if (current) yield current;
      current = node.depth === 2 ? { heading: node, nodes: [] } : null;
    } else if (current) {
      current.nodes.push(node);
    }
  }
  if (current) yield current;
}

export function describeHeading(heading: Heading): CardHeading {
  const line = heading.position?.start.line ?? 1;
  const children = heading.children;
  const last = children[children.length - 1];
  const contentEnd = last?.position?.end.offset ?? heading.position?.end.offset ?? 0;
  let id: string | null = null;
  let text = plainText(heading).trim();
  if (last?.type === 'text') {
    const token = idToken(last);
    if (token) {
      id = token.id;
      text = plainText({
        ...heading,
        children: [...children.slice(0, -1), { ...last, value: token.before }],
      }).trim();
    }
  }
  return { line, id, text, insertAt: contentEnd };
}

/** Splits a trailing `{#id}` off a heading's last text node. */
export function idToken(node: Text): { id: string; before: string } | null {
  const value = node.value.trimEnd();
  if (!value.endsWith('}')) return null;
  const open = value.lastIndexOf('{#');
  if (open < 0) return null;
  return { id: value.slice(open + 2, -1).trim(), before: value.slice(0, open) };
}
