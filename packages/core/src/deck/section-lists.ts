// The one flat list a list section (options, accepted answers, rubric points) holds: every item of
// every list in the section, with a problem where a second list starts or an item nests a block.
import type { Section } from './card-sections.js';
import type { Source } from './markdown-source.js';
import { children, type Node } from './markdown-tree.js';
import type { ListSection } from './problems.js';

const BLOCK_NAMES: Record<string, string> = {
  code_block: 'code block',
  block_quote: 'quote',
  paragraph: 'paragraph',
  heading: 'heading',
  html_block: 'HTML block',
  thematic_break: 'horizontal rule',
};

/** The items of the lists in `section`, in order; reports split lists and nested blocks. */
export function sectionItems(src: Source, section: Section, name: ListSection): Node[] {
  const lists = section.nodes.filter((n) => n.type === 'list');
  lists.slice(1).forEach((list, i) => {
    const [before, after] = [lists[i], list].map((l) => marker(src, l?.firstChild ?? null));
    src.report(list, 'split-list', { section: name, before: before ?? '', after: after ?? '' });
  });
  const items = lists.flatMap(children);
  for (const item of items) checkFlat(src, item, name);
  return items;
}

/** An item is one paragraph: a nested list or any other block would be glued into its text. */
function checkFlat(src: Source, item: Node, name: ListSection): void {
  children(item).forEach((block, i) => {
    if (block.type === 'list') src.report(block, 'nested-list', { section: name });
    else if (i > 0 || block.type !== 'paragraph')
      src.report(block, 'nested-block', { section: name, block: BLOCK_NAMES[block.type] ?? block.type });
  });
}

/** An item's list marker as written: `-`, `*`, `+`, or a number with `.` or `)`. */
function marker(src: Source, item: Node | null): string | null {
  if (!item) return null;
  const start = src.start(item);
  return /^(?:[-*+]|\d{1,9}[.)])/.exec(src.text.slice(start, start + 10))?.[0] ?? null;
}
