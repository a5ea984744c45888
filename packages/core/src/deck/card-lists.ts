// The lists inside a card's sections: options (with `[x]` marking the correct ones), accepted
// answers and rubric points, each item checked where it stands.
import type { Section } from './card-sections.js';
import type { Source } from './markdown-source.js';
import { children, type Node, plainText, taskChecked } from './markdown-tree.js';
import { sectionItems } from './section-lists.js';

/** A list item's text without a leading task marker (`[x] `), which GFM reads as markup. */
export function withoutTaskMarker(text: string): string {
  return text.replace(/^\[[ \t\r\nxX]\][ \t\r\n]+/, '');
}

/** A list item's plain text (for accepted answers) or markdown (for rubric points), its task marker aside. */
export function itemText(src: Source, item: Node, as: 'plain' | 'markdown'): string {
  const task = taskChecked(src.tree, src.text, item) !== null;
  const text = as === 'plain' ? plainText(item) : src.slice(children(item));
  return task ? withoutTaskMarker(as === 'plain' ? text.trimStart() : text) : text;
}

export function readList(
  src: Source,
  heading: Node,
  section: Section | undefined,
  name: 'accept' | 'rubric',
): Node[] {
  if (!section) {
    src.report(heading, name === 'accept' ? 'missing-accept' : 'missing-rubric');
    return [];
  }
  const items = sectionItems(src, section, name).filter((item) => plainText(item).trim() !== '');
  if (items.length === 0) src.report(section.heading, name === 'accept' ? 'empty-accept' : 'empty-rubric');
  return items;
}

export function readOptions(
  src: Source,
  heading: Node,
  section: Section | undefined,
): { text: string; correct: boolean }[] {
  if (!section) {
    src.report(heading, 'missing-options');
    return [];
  }
  const items = sectionItems(src, section, 'options');
  const options: { text: string; correct: boolean }[] = [];
  for (const item of items) {
    const checked = taskChecked(src.tree, src.text, item);
    if (checked === null) {
      src.report(item, 'unmarked-option');
      continue;
    }
    options.push({ text: withoutTaskMarker(src.slice(children(item))), correct: checked });
  }
  if (items.length < 2) {
    src.report(section.heading, 'too-few-options');
  } else if (!options.some((o) => o.correct)) {
    src.report(section.heading, 'no-correct-option');
  }
  return options;
}
