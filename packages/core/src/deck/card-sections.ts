// A card's body: its fields (kind, tags), the sections each kind takes, lists, options and
// rubric points, read from the nodes under its heading. (Longer than most files: the section
// rules and the reading of each kind belong together; the lists are in card-lists.ts.)
import type { Heading, RootContent } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { hashCard, type Unhashed } from './card-hash.js';
import { describeHeading, idToken } from './card-headings.js';
import { readList, readOptions } from './card-lists.js';
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

export interface Section {
  name: SectionName;
  heading: Heading;
  nodes: RootContent[];
}

/**
 * Reads the card under `heading` (`nodes`: everything up to the next card), reporting every
 * problem at its position. Null when the card has a problem or the deck has no valid front matter.
 */
export function readCard(
  src: Source,
  heading: Heading,
  nodes: RootContent[],
  deck: Deck | null,
): Card | null {
  const before = src.problems.length;
  const info = describeHeading(heading);
  checkHeading(src, heading, info);
  const { kind, ownTags, rest } = readKindAndTags(src, heading, nodes);
  const { body, sections } = readSections(src, rest, kind);
  const answer = readAnswer(src, heading, kind, sections.get('answer'));
  const common = {
    deckId: deck?.id ?? '',
    id: info.id ?? '',
    key: `${deck?.id ?? ''}/${info.id ?? ''}`,
    title: headingMarkdown(src, heading),
    body: src.slice(body),
    answer,
    why: src.slice(sections.get('why it matters')?.nodes ?? []),
    mistake: src.slice(sections.get('common mistake')?.nodes ?? []),
    tags: [...new Set([...(deck?.tags ?? []), ...ownTags])],
    line: info.line,
  };
  const card = withKind(src, heading, kind, sections, common);
  if (src.problems.length > before || !deck) return null;
  return { ...card, hash: hashCard(card) } as Card;
}

/** The heading's id and question: present and well-formed. */
function checkHeading(src: Source, heading: Heading, info: ReturnType<typeof describeHeading>): void {
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
}

/** The `kind:` and `tags:` fields right under the heading, and the nodes after them. */
function readKindAndTags(
  src: Source,
  heading: Heading,
  nodes: RootContent[],
): { kind: CardKind; ownTags: string[]; rest: RootContent[] } {
  let kind: CardKind = 'basic';
  const ownTags: string[] = [];
  const fields = fieldParagraph(heading, nodes[0]);
  if (!fields) return { kind, ownTags, rest: nodes };
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
  return { kind, ownTags, rest: nodes.slice(1) };
}

/** The body (before any section) and the `###` sections a card of `kind` takes. */
function readSections(
  src: Source,
  nodes: RootContent[],
  kind: CardKind,
): { body: RootContent[]; sections: Map<SectionName, Section> } {
  const body: RootContent[] = [];
  const sections = new Map<SectionName, Section>();
  let current: Section | null = null;
  for (const node of nodes) {
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
      body.push(node);
    }
  }
  return { body, sections };
}

/** The model answer's text; a basic or open card must have one. */
function readAnswer(src: Source, heading: Heading, kind: CardKind, answer: Section | undefined): string {
  const text = answer ? src.slice(answer.nodes) : '';
  if ((kind === 'basic' || kind === 'open') && !text) {
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
  return text;
}

/** The card with what its kind adds: options, accepted answers or rubric points. */
function withKind(
  src: Source,
  heading: Heading,
  kind: CardKind,
  sections: Map<SectionName, Section>,
  common: Omit<Extract<Unhashed, { kind: 'basic' }>, 'kind'>,
): Unhashed {
  if (kind === 'basic') return { ...common, kind };
  if (kind === 'choice') {
    const options = readOptions(src, heading, sections.get('options'));
    return { ...common, kind, options, multiple: options.filter((o) => o.correct).length > 1 };
  }
  if (kind === 'typed') {
    const accept = readList(src, heading, sections.get('accept'), 'accept').map((item) =>
      plainText(item).trim().replace(/\s+/g, ' '),
    );
    return { ...common, kind, accept };
  }
  const rubric = readList(src, heading, sections.get('rubric'), 'rubric').map((item) =>
    src.slice(item.children),
  );
  return { ...common, kind, rubric };
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
