// A deck file written from an Anki package: front matter, a comment saying where it came from
// (which `grill import-anki` reads again to know the file is its own), then the cards in grill's
// format (content/FORMAT.md).
import { stringify } from 'yaml';
import type { CardKind, ChoiceOption } from '../deck/model.js';

/** A card to write, its text as markdown. */
export interface DraftCard {
  id: string;
  kind: CardKind;
  /** The question: one line of inline markdown. */
  title: string;
  tags: string[];
  /** Cloze cards: `typed: yes`. */
  typed: boolean;
  body: string;
  options: ChoiceOption[];
  accept: string[];
  rubric: string[];
  answer: string;
  why: string;
  mistake: string;
}

export function draftCard(fields: Pick<DraftCard, 'id' | 'kind' | 'title'> & Partial<DraftCard>): DraftCard {
  return {
    tags: [],
    typed: false,
    body: '',
    options: [],
    accept: [],
    rubric: [],
    answer: '',
    why: '',
    mistake: '',
    ...fields,
  };
}

/** A card's section of the deck file. */
export function cardMarkdown(card: DraftCard): string {
  const fieldLines = [
    ...(card.kind === 'basic' ? [] : [`kind: ${card.kind}`]),
    ...(card.kind === 'cloze' && card.typed ? ['typed: yes'] : []),
    ...(card.tags.length > 0 ? [`tags: ${card.tags.join(', ')}`] : []),
  ];
  const section = (name: string, text: string) => (text.trim() === '' ? [] : [`### ${name}\n${text.trim()}`]);
  const list = (name: string, items: string[]) =>
    items.length === 0 ? [] : [`### ${name}\n${items.map((item) => `- ${item}`).join('\n')}`];
  const parts = [
    [`## ${card.title} {#${card.id}}`, ...fieldLines].join('\n'),
    ...(card.body.trim() === '' ? [] : [card.body.trim()]),
    ...(card.kind === 'choice'
      ? [`### Options\n${card.options.map((o) => `- [${o.correct ? 'x' : ' '}] ${o.text}`).join('\n')}`]
      : []),
    ...list('Accept', card.accept),
    ...list('Rubric', card.rubric),
    ...section('Answer', card.answer),
    ...section('Why it matters', card.why),
    ...section('Common mistake', card.mistake),
  ];
  return parts.join('\n\n');
}

/** Where a deck file came from, as its origin comment says. */
export interface DeckOrigin {
  /** The package's file name without its extension. */
  package: string;
  /** The Anki decks whose notes it holds, by full name. */
  decks: string[];
}

const ORIGIN_START = '<!-- grill import-anki: this file is rewritten when the package is imported again. ';
const ORIGIN_END = ' -->';

/** The origin comment: its data as JSON, with what could end the comment (`--`, `>`) escaped. */
function originComment(origin: DeckOrigin): string {
  const json = JSON.stringify(origin).replace(
    /[-<>]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${ORIGIN_START}${json}${ORIGIN_END}`;
}

/** What the origin comment of a deck file says, or null when it has none (a file of other origin). */
export function deckOrigin(text: string): DeckOrigin | null {
  const start = text.indexOf(ORIGIN_START);
  if (start < 0) return null;
  const end = text.indexOf(ORIGIN_END, start + ORIGIN_START.length);
  if (end < 0) return null;
  try {
    const value = JSON.parse(text.slice(start + ORIGIN_START.length, end)) as unknown;
    const { package: pkg, decks } = (value ?? {}) as Partial<DeckOrigin>;
    if (typeof pkg !== 'string' || !Array.isArray(decks) || !decks.every((d) => typeof d === 'string'))
      return null;
    return { package: pkg, decks };
  } catch {
    return null;
  }
}

export interface DeckFileMeta {
  id: string;
  title: string;
  description: string;
}

/** A whole deck file: front matter, origin comment, cards. */
export function deckFileText(meta: DeckFileMeta, origin: DeckOrigin, cards: readonly string[]): string {
  const front = stringify(
    { id: meta.id, title: meta.title, ...(meta.description ? { description: meta.description } : {}) },
    { lineWidth: 0 },
  );
  return [`---\n${front}---`, originComment(origin), ...cards].join('\n\n').replace(/\n*$/, '\n');
}
