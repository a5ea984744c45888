// A card's body: its fields (kind, tags), the sections each kind takes, lists, options and
// rubric points, read from the nodes under its heading.
import type { Heading, List, ListItem, RootContent } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { hashCard, type Unhashed } from './card-hash.js';
import { describeHeading, idToken } from './card-headings.js';
import { isValidId } from './ids.js';
import { normalizeNewlines, type Source } from './markdown-source.js';
import { CARD_KINDS, type Card, type CardKind, type Deck } from './model.js';

const SECTIONS = ['answer', 'options', 'accept', 'rubric', 'why it matters', 'common mistake'] as const;
type SectionName = (typeof SECTIONS)[number];

const SECTIONS_BY_KIND: Record<CardKind, readonly SectionName[]> = {
  basic: ['answer', 'why it matters', 'common mistake'],
  choice: ['options', 'answer', 'why it matters', 'common mistake'],
  typed: ['accept', 'answer', 'why it matters', 'common mistake'],
  open: ['rubric', 'answer', 'why it matters', 'common mistake'],
};

const FIELD_KEYS = ['kind', 'tags'];

interface Section {
  name: SectionName;
  heading: Heading;
  nodes: RootContent[];
}

export function readCard(
  src: Source,
  heading: Heading,
  nodes: RootContent[],
  deck: Deck | null,
): Card | null {
  const before = src.problems.length;
  const info = describeHeading(heading);
  if (info.id === null) {
    src.problem(
      heading,
      'missing-id',
      'card has no id',
      'end the heading with a stable id like {#put-vs-patch}, or run `grill lint --fix`',
    );
  } else if (!isValidId(info.id)) {
    src.problem(
      heading,
      'bad-id',
      `card id "${info.id}" is not valid`,
      'use lowercase letters, digits and single dashes, at most 99 characters, e.g. {#put-vs-patch}',
    );
  }
  if (!info.text)
    src.problem(
      heading,
      'empty-question',
      'card heading has no question',
      'write the question after ## and before the {#id}',
    );

  let rest = nodes;
  let kind: CardKind = 'basic';
  const ownTags: string[] = [];
  const fields = fieldParagraph(heading, nodes[0]);
  if (fields) {
    rest = nodes.slice(1);
    readFields(src, fields, (key, value, at) => {
      if (key === 'kind') {
        if ((CARD_KINDS as readonly string[]).includes(value)) kind = value as CardKind;
        else
          src.problem(
            at,
            'unknown-kind',
            `unknown card kind "${value}"`,
            `use one of: ${CARD_KINDS.join(', ')}`,
          );
      } else {
        ownTags.push(...splitTags(value));
      }
    });
  }

  const bodyNodes: RootContent[] = [];
  const sections = new Map<SectionName, Section>();
  let current: Section | null = null;
  for (const node of rest) {
    if (node.type === 'heading' && node.depth === 3) {
      const name = plainText(node).trim().toLowerCase().replace(/\s+/g, ' ');
      current = null;
      if (!(SECTIONS as readonly string[]).includes(name)) {
        src.problem(
          node,
          'unknown-section',
          `unknown section "${plainText(node).trim()}"`,
          `sections are: ${SECTIONS.map(title).join(', ')}`,
        );
      } else if (!SECTIONS_BY_KIND[kind].includes(name as SectionName)) {
        src.problem(
          node,
          'section-not-for-kind',
          `a ${kind} card has no "${title(name)}" section`,
          `a ${kind} card uses: ${SECTIONS_BY_KIND[kind].map(title).join(', ')}${kindHintFor(name)}`,
        );
      } else if (sections.has(name as SectionName)) {
        src.problem(
          node,
          'duplicate-section',
          `section "${title(name)}" appears twice in this card`,
          'merge the two sections into one',
        );
      } else {
        current = { name: name as SectionName, heading: node, nodes: [] };
        sections.set(current.name, current);
      }
    } else if (current) {
      current.nodes.push(node);
    } else if (sections.size === 0) {
      bodyNodes.push(node);
    }
  }

  const answer = sections.get('answer');
  const answerText = answer ? src.slice(answer.nodes) : '';
  if ((kind === 'basic' || kind === 'open') && !answerText) {
    if (answer)
      src.problem(
        answer.heading,
        'empty-answer',
        'the Answer section is empty',
        'write the model answer under ### Answer',
      );
    else
      src.problem(
        heading,
        'missing-answer',
        `${kind} card has no answer`,
        'add a ### Answer section with the model answer',
      );
  }

  const common = {
    deckId: deck?.id ?? '',
    id: info.id ?? '',
    key: `${deck?.id ?? ''}/${info.id ?? ''}`,
    title: headingMarkdown(src, heading),
    body: src.slice(bodyNodes),
    answer: answerText,
    why: src.slice(sections.get('why it matters')?.nodes ?? []),
    mistake: src.slice(sections.get('common mistake')?.nodes ?? []),
    tags: [...new Set([...(deck?.tags ?? []), ...ownTags])],
    line: info.line,
  };

  let card: Unhashed;
  if (kind === 'basic') card = { ...common, kind };
  else if (kind === 'choice') {
    const options = readOptions(src, heading, sections.get('options'));
    card = { ...common, kind, options, multiple: options.filter((o) => o.correct).length > 1 };
  } else if (kind === 'typed') {
    const accept = readList(src, heading, sections.get('accept'), 'accept').map((item) =>
      plainText(item).trim().replace(/\s+/g, ' '),
    );
    card = { ...common, kind, accept };
  } else {
    const rubric = readList(src, heading, sections.get('rubric'), 'rubric').map((item) =>
      src.slice(item.children),
    );
    card = { ...common, kind, rubric };
  }
  if (src.problems.length > before || !deck) return null;
  return { ...card, hash: hashCard(card) } as Card;
}

function title(name: string): string {
  return `### ${name[0]?.toUpperCase()}${name.slice(1)}`;
}

function kindHintFor(section: string): string {
  if (section === 'options') return ' (did you mean kind: choice?)';
  if (section === 'accept') return ' (did you mean kind: typed?)';
  if (section === 'rubric') return ' (did you mean kind: open?)';
  return '';
}

/** The heading's inline markdown without its `{#id}` token. */
function headingMarkdown(src: Source, heading: Heading): string {
  const children = heading.children;
  const last = children[children.length - 1];
  let md = src.slice(children);
  if (last?.type === 'text') {
    const token = idToken(last);
    if (token) md = md.slice(0, md.lastIndexOf('{#')).trim();
  }
  return md;
}

/** The field line is a paragraph directly under the heading (no blank line) that starts with `word:`. */
function fieldParagraph(heading: Heading, node: RootContent | undefined) {
  if (node?.type !== 'paragraph') return null;
  if (node.position?.start.line !== (heading.position?.end.line ?? 0) + 1) return null;
  const first = node.children[0];
  if (first?.type !== 'text' || !/^[A-Za-z][\w-]*:/.test(first.value)) return null;
  return node;
}

function readFields(
  src: Source,
  paragraph: Extract<RootContent, { type: 'paragraph' }>,
  onField: (key: string, value: string, at: { line: number; column: number }) => void,
): void {
  const start = paragraph.position?.start;
  const raw = src.text.slice(start?.offset ?? 0, paragraph.position?.end.offset ?? 0);
  normalizeNewlines(raw)
    .split('\n')
    .forEach((lineText, i) => {
      const at = { line: (start?.line ?? 1) + i, column: i === 0 ? (start?.column ?? 1) : 1 };
      const colon = lineText.indexOf(':');
      const key = colon > 0 ? lineText.slice(0, colon).trim().toLowerCase() : '';
      const value = colon > 0 ? lineText.slice(colon + 1).trim() : '';
      if (!FIELD_KEYS.includes(key)) {
        src.problem(
          at,
          'unknown-field',
          `unknown field "${key || lineText.trim()}"`,
          `the line under a card heading holds only ${FIELD_KEYS.map((k) => `${k}:`).join(' and ')}; leave a blank line before prompt text`,
        );
      } else {
        onField(key, value, at);
      }
    });
}

function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

function firstList(section: Section): List | undefined {
  return section.nodes.find((n): n is List => n.type === 'list');
}

function readList(
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

function readOptions(
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
