// The lists inside a card's sections: options (with `[x]` marking the correct ones), accepted
// answers and rubric points, each item checked where it stands.
import type { Heading, List, ListItem } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { Section } from './card-sections.js';
import type { Source } from './markdown-source.js';

function firstList(section: Section): List | undefined {
  return section.nodes.find((n): n is List => n.type === 'list');
}

export function readList(
  src: Source,
  heading: Heading,
  section: Section | undefined,
  name: 'accept' | 'rubric',
): ListItem[] {
  const what = name === 'accept' ? 'typed card has no accepted answers' : 'open card has no rubric points';
  const hint =
    name === 'accept'
      ? 'add ### Accept with a list of accepted answers, e.g. - 409'
      : 'add ### Rubric with a list of 3-5 key points';
  if (!section) {
    src.problem(heading, name === 'accept' ? 'missing-accept' : 'missing-rubric', what, hint);
    return [];
  }
  const items = (firstList(section)?.children ?? []).filter((item) => plainText(item).trim() !== '');
  if (items.length === 0)
    src.problem(section.heading, name === 'accept' ? 'empty-accept' : 'empty-rubric', what, hint);
  return items;
}

export function readOptions(
  src: Source,
  heading: Heading,
  section: Section | undefined,
): { text: string; correct: boolean }[] {
  if (!section) {
    src.problem(
      heading,
      'missing-options',
      'choice card has no options',
      'add ### Options with a task list: - [x] right, - [ ] wrong',
    );
    return [];
  }
  const items = firstList(section)?.children ?? [];
  const options: { text: string; correct: boolean }[] = [];
  for (const item of items) {
    if (item.checked === null || item.checked === undefined) {
      src.problem(
        item,
        'unmarked-option',
        'option is not marked right or wrong',
        'start each option with [x] (correct) or [ ] (wrong)',
      );
      continue;
    }
    // remark keeps the `[x] ` marker inside the paragraph's span when the option starts with markup.
    options.push({ text: src.slice(item.children).replace(/^\[[ xX]\]\s+/, ''), correct: item.checked });
  }
  if (items.length < 2) {
    src.problem(
      section.heading,
      'too-few-options',
      'choice card needs at least two options',
      'list the options as - [x] right and - [ ] wrong',
    );
  } else if (!options.some((o) => o.correct)) {
    src.problem(
      section.heading,
      'no-correct-option',
      'choice card has no correct option',
      'mark the correct option(s) with [x]',
    );
  }
  return options;
}
