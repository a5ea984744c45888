import { createHash } from 'node:crypto';
import type { Code, Heading, List, ListItem, Nodes, Root, RootContent, Text } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describeControl, findControlCharacters } from '../text/terminal-safe.js';
import { parseDeckMeta } from './front-matter.js';
import { isValidId } from './ids.js';
import { CARD_KINDS, type Card, type CardKind, type Deck, type ParsedDeck, type Problem } from './model.js';

let processor: ReturnType<typeof makeProcessor> | null = null;
const makeProcessor = () => unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const parser = () => {
  processor ??= makeProcessor();
  return processor;
};

/** A card before its content hash is computed. */
type Unhashed = Card extends infer C ? (C extends Card ? Omit<C, 'hash'> : never) : never;

const SECTIONS = ['answer', 'options', 'accept', 'rubric', 'why it matters', 'common mistake'] as const;
type SectionName = (typeof SECTIONS)[number];

const SECTIONS_BY_KIND: Record<CardKind, readonly SectionName[]> = {
  basic: ['answer', 'why it matters', 'common mistake'],
  choice: ['options', 'answer', 'why it matters', 'common mistake'],
  typed: ['accept', 'answer', 'why it matters', 'common mistake'],
  open: ['rubric', 'answer', 'why it matters', 'common mistake'],
};

const FIELD_KEYS = ['kind', 'tags'];

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

interface Section {
  name: SectionName;
  heading: Heading;
  nodes: RootContent[];
}

/** A position-aware view of the source, shared by the helpers below. */
class Source {
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

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Parses one deck file. Pure: text in, deck, cards and every problem found out.
 * A leading byte-order mark and CRLF line endings are accepted.
 */
export function parseDeck(input: string, file: string): ParsedDeck {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const src = new Source(text, file);
  const tree = parser().parse(text) as Root;

  checkControlCharacters(src);
  checkCodeFences(src, tree);
  const deck = readFrontMatter(src, tree);

  const cards: Card[] = [];
  const seen = new Map<string, number>();
  for (const group of cardGroups(tree)) {
    const card = readCard(src, group.heading, group.nodes, deck);
    const heading = describeHeading(group.heading);
    if (heading.id !== null) {
      const firstLine = seen.get(heading.id);
      if (firstLine !== undefined) {
        src.problem(
          group.heading,
          'duplicate-id',
          `duplicate card id "${heading.id}" (first used on line ${firstLine})`,
          'card ids must be unique within a deck: give this card another id',
        );
        continue;
      }
      seen.set(heading.id, heading.line);
    }
    if (card) cards.push(card);
  }

  src.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { deck, cards: deck ? cards : [], problems: src.problems };
}

/** The level-2 headings of a deck, with ids and insertion points, for `lint --fix`. */
export function cardHeadings(input: string): { bom: boolean; headings: CardHeading[] } {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const tree = parser().parse(text) as Root;
  return { bom, headings: [...cardGroups(tree)].map((g) => describeHeading(g.heading)) };
}

function* cardGroups(tree: Root): Generator<{ heading: Heading; nodes: RootContent[] }> {
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

function readFrontMatter(src: Source, tree: Root): Deck | null {
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    src.problem(
      { line: 1, column: 1 },
      'missing-front-matter',
      'deck has no front matter',
      'start the file with a YAML block: ---, then id: my-deck and title: My deck, then ---',
    );
    return null;
  }
  const result = parseDeckMeta(first.value);
  const yamlLine = first.position?.start.line ?? 1;
  for (const p of result.problems) {
    // The YAML body starts on the line after the opening `---`.
    src.problem({ line: yamlLine + p.line, column: p.column }, p.code, p.message, p.hint);
  }
  return result.meta ? { ...result.meta, file: src.file, line: yamlLine + result.idLine } : null;
}

function describeHeading(heading: Heading): CardHeading {
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
function idToken(node: Text): { id: string; before: string } | null {
  const value = node.value.trimEnd();
  if (!value.endsWith('}')) return null;
  const open = value.lastIndexOf('{#');
  if (open < 0) return null;
  return { id: value.slice(open + 2, -1).trim(), before: value.slice(0, open) };
}

function readCard(src: Source, heading: Heading, nodes: RootContent[], deck: Deck | null): Card | null {
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

/**
 * Reports every control character (an ESC, a bare CR, ...) where an editor shows it: deck text
 * ends up in terminals, and decks come from git, so none may reach one. Tab, newline and CRLF
 * line endings are fine.
 */
function checkControlCharacters(src: Source): void {
  for (const found of findControlCharacters(src.text)) {
    src.problem(
      found,
      'control-character',
      `control character ${describeControl(found.char)} in deck text`,
      'remove it; deck text is shown in terminals, where it would act as a command',
    );
  }
}

/** Reports fenced code blocks that are never closed (they swallow the rest of the file). */
function checkCodeFences(src: Source, tree: Root): void {
  const visit = (node: Nodes): void => {
    if (node.type === 'code') checkFence(src, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
}

function checkFence(src: Source, node: Code): void {
  const pos = node.position;
  if (!pos) return;
  const lines = normalizeNewlines(src.text.slice(pos.start.offset, pos.end.offset)).split('\n');
  const opening = lines[0]?.trimStart() ?? '';
  const fenceChar = opening[0];
  if (fenceChar !== '`' && fenceChar !== '~') return; // indented code has no fence
  let width = 0;
  while (opening[width] === fenceChar) width++;
  const closing = lines.length > 1 ? (lines[lines.length - 1] ?? '').trim() : '';
  const closed = closing.length >= width && [...closing].every((c) => c === fenceChar);
  if (!closed) {
    src.problem(
      node,
      'unclosed-fence',
      'code fence is never closed',
      `close the block with ${fenceChar.repeat(width)} on its own line; until then it swallows the rest of the file`,
    );
  }
}

function hashCard(card: Unhashed): string {
  const { line: _line, ...content } = card;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
