// A card's body: its fields (kind, tags, typed), the sections each kind takes, lists, options and
// rubric points, read from the nodes under its heading. (Longer than most files: the section
// rules and the reading of each kind belong together; the lists are in card-lists.ts.)
import { hashCard, type Unhashed } from './card-hash.js';
import { type CardGroup, type CardHeading, headingMarkdown } from './card-headings.js';
import { itemText, readList, readOptions } from './card-lists.js';
import { checkStrayCloze, clozeCards } from './cloze-cards.js';
import { isValidId } from './ids.js';
import { normalizeNewlines, type Source } from './markdown-source.js';
import { leadingText, type Node, plainText } from './markdown-tree.js';
import { CARD_KINDS, type Card, type CardKind, type Deck } from './model.js';
import { CARD_FIELD_KEYS } from './problems.js';
import { splitTagList } from './tag-list.js';

/** What every kind of card has, read before its kind's own parts. */
export type CardFields = Omit<Extract<Unhashed, { kind: 'basic' }>, 'kind'>;

const SECTIONS = ['answer', 'options', 'accept', 'rubric', 'why it matters', 'common mistake'] as const;
type SectionName = (typeof SECTIONS)[number];

const SECTIONS_BY_KIND: Record<CardKind, readonly SectionName[]> = {
  basic: ['answer', 'why it matters', 'common mistake'],
  choice: ['options', 'answer', 'why it matters', 'common mistake'],
  typed: ['accept', 'answer', 'why it matters', 'common mistake'],
  open: ['rubric', 'answer', 'why it matters', 'common mistake'],
  cloze: ['answer', 'why it matters', 'common mistake'],
};

/** A `###` section: its blocks, and its text's span (from after its heading to the next one). */
export interface Section {
  name: SectionName;
  heading: Node;
  nodes: Node[];
  from: number;
  to: number;
}

/** A span of the source, as offsets. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Reads the card `group` (its heading and the blocks up to the next card), reporting every
 * problem at its position. Empty when the card has a problem or the deck has no valid front
 * matter; one card, or for a cloze card one per number.
 * Text is sliced from the source between the headings, so it keeps every byte the author wrote.
 */
export function readCards(src: Source, group: CardGroup, deck: Deck | null): Card[] {
  const { heading } = group;
  const before = src.problems.length;
  const { info } = group;
  checkHeading(src, heading, info);
  const { kind, ownTags, typed, rest, bodyFrom } = readFields(src, heading, group.nodes);
  if (typed !== null && kind !== 'cloze')
    src.report(typed.at, 'field-not-for-kind', { field: 'typed', kind });
  const { body, bodyNodes, sections } = readSections(src, rest, kind, { from: bodyFrom, to: group.end });
  const answer = readAnswer(src, heading, kind, sections.get('answer'));
  const text = (span: Span | undefined) => (span ? src.between(span.from, span.to) : '');
  const common = {
    deckId: deck?.id ?? '',
    id: info.id ?? '',
    key: `${deck?.id ?? ''}/${info.id ?? ''}`,
    title: headingMarkdown(src, heading),
    body: text(body),
    answer,
    why: text(sections.get('why it matters')),
    mistake: text(sections.get('common mistake')),
    tags: [...new Set([...(deck?.tags ?? []), ...ownTags])],
    line: info.line,
  };
  const cards: Unhashed[] =
    kind === 'cloze'
      ? clozeCards(src, heading, bodyNodes, body, common, typed?.value ?? false)
      : [withKind(src, heading, kind, sections, common)];
  checkStrayCloze(src, kind, heading, bodyNodes, [...sections.values()]);
  if (src.problems.length > before || !deck) return [];
  return cards.map((card) => ({ ...card, hash: hashCard(card) }) as Card);
}

/** The heading's id and question: present and well-formed. */
function checkHeading(src: Source, heading: Node, info: CardHeading): void {
  // A heading without a question gets no id from --fix, so it is not told to run it.
  if (!info.text) src.report(heading, 'empty-question');
  else if (info.id === null) src.report(heading, 'missing-id');
  if (info.id !== null && !isValidId(info.id)) src.report(heading, 'bad-id', { id: info.id });
}

/** A field given as yes or no, and where. */
interface Flag {
  value: boolean;
  at: { line: number; column: number };
}

/**
 * The `kind:`, `tags:` and `typed:` fields right under the heading, the nodes after them and
 * where they start (`typed` null when not given).
 */
function readFields(
  src: Source,
  heading: Node,
  nodes: Node[],
): { kind: CardKind; ownTags: string[]; typed: Flag | null; rest: Node[]; bodyFrom: number } {
  let kind: CardKind = 'basic';
  const ownTags: string[] = [];
  let typed: Flag | null = null;
  const fields = fieldParagraph(src, heading, nodes[0]);
  if (!fields) return { kind, ownTags, typed, rest: nodes, bodyFrom: src.end(heading) };
  readFieldLines(src, fields, (key, value, at) => {
    if (key === 'kind') {
      if ((CARD_KINDS as readonly string[]).includes(value)) kind = value as CardKind;
      else src.report(at, 'unknown-kind', { kind: value });
    } else if (key === 'typed') {
      const flag = YES_NO[value.toLowerCase()];
      if (flag === undefined) src.report(at, 'bad-field-value', { field: key, value });
      else typed = { value: flag, at };
    } else {
      ownTags.push(...splitTags(value));
    }
  });
  return { kind, ownTags, typed, rest: nodes.slice(1), bodyFrom: src.end(fields) };
}

const YES_NO: Record<string, boolean> = { yes: true, true: true, no: false, false: false };

/**
 * The body (before the first `###`) and the `###` sections a card of `kind` takes, within
 * `card` (the span after the heading and its fields).
 */
function readSections(
  src: Source,
  nodes: Node[],
  kind: CardKind,
  card: Span,
): { body: Span; bodyNodes: Node[]; sections: Map<SectionName, Section> } {
  const body = { ...card };
  const bodyNodes: Node[] = [];
  const sections = new Map<SectionName, Section>();
  let current: Section | null = null;
  let open: Span = body;
  let inBody = true;
  for (const node of nodes) {
    if (node.type === 'heading' && node.level === 3) {
      inBody = false;
      const name = plainText(node).trim().toLowerCase().replace(/\s+/g, ' ');
      open.to = src.start(node);
      open = { from: src.end(node), to: card.to };
      current = null;
      if (!(SECTIONS as readonly string[]).includes(name)) {
        src.report(node, 'unknown-section', { section: plainText(node).trim(), sections: SECTIONS });
      } else if (!SECTIONS_BY_KIND[kind].includes(name as SectionName)) {
        src.report(node, 'section-not-for-kind', { kind, section: name, sections: SECTIONS_BY_KIND[kind] });
      } else if (sections.has(name as SectionName)) {
        src.report(node, 'duplicate-section', { section: name });
      } else {
        current = { name: name as SectionName, heading: node, nodes: [], ...open };
        open = current;
        sections.set(current.name, current);
      }
    } else if (current) {
      current.nodes.push(node);
    } else if (inBody) {
      bodyNodes.push(node);
    }
  }
  return { body, bodyNodes, sections };
}

/** The model answer's text; a basic or open card must have one. */
function readAnswer(src: Source, heading: Node, kind: CardKind, answer: Section | undefined): string {
  const text = answer ? src.between(answer.from, answer.to) : '';
  if ((kind === 'basic' || kind === 'open') && !text) {
    if (answer) src.report(answer.heading, 'empty-answer');
    else src.report(heading, 'missing-answer', { kind });
  }
  return text;
}

/** The card with what its kind adds: options, accepted answers or rubric points. */
function withKind(
  src: Source,
  heading: Node,
  kind: Exclude<CardKind, 'cloze'>,
  sections: Map<SectionName, Section>,
  common: CardFields,
): Unhashed {
  if (kind === 'basic') return { ...common, kind };
  if (kind === 'choice') {
    const options = readOptions(src, heading, sections.get('options'));
    return { ...common, kind, options, multiple: options.filter((o) => o.correct).length > 1 };
  }
  if (kind === 'typed') {
    const accept = readList(src, heading, sections.get('accept'), 'accept').map((item) =>
      itemText(src, item, 'plain').trim().replace(/\s+/g, ' '),
    );
    return { ...common, kind, accept };
  }
  const rubric = readList(src, heading, sections.get('rubric'), 'rubric').map((item) =>
    itemText(src, item, 'markdown'),
  );
  return { ...common, kind, rubric };
}

/** The field line is a paragraph directly under the heading (no blank line) that starts with `word:`. */
function fieldParagraph(src: Source, heading: Node, node: Node | undefined): Node | null {
  if (node?.type !== 'paragraph') return null;
  if (src.line(node) !== src.endLine(heading) + 1) return null;
  return /^[A-Za-z][\w-]*:/.test(leadingText(node)) ? node : null;
}

function readFieldLines(
  src: Source,
  paragraph: Node,
  onField: (key: string, value: string, at: { line: number; column: number }) => void,
): void {
  const [line, column] = paragraph.sourcepos[0];
  const raw = src.text.slice(src.start(paragraph), src.end(paragraph));
  normalizeNewlines(raw)
    .split('\n')
    .forEach((lineText, i) => {
      const at = { line: line + i, column: i === 0 ? column : 1 };
      const colon = lineText.indexOf(':');
      const key = colon > 0 ? lineText.slice(0, colon).trim().toLowerCase() : '';
      const value = colon > 0 ? lineText.slice(colon + 1).trim() : '';
      if (!CARD_FIELD_KEYS.includes(key)) {
        src.report(at, 'unknown-field', { field: key || lineText.trim() });
      } else {
        onField(key, value, at);
      }
    });
}

/** A `tags:` value's tags, as the tag checks read them (tag-list.ts). */
function splitTags(value: string): string[] {
  return splitTagList(value).map((t) => t.tag);
}
