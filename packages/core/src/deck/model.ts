/** Types of the deck format (content/FORMAT.md). Types only: no logic here. */

export const CARD_KINDS = ['basic', 'choice', 'typed', 'open', 'cloze'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export interface Deck {
  id: string;
  title: string;
  description: string;
  tags: string[];
  /** The file the deck was parsed from, as given to the parser. */
  file: string;
  /** 1-based line of the deck's `id:` in the front matter. */
  line: number;
}

interface CardCommon {
  deckId: string;
  /** The id in the heading's `{#id}`; a cloze card's adds its number: `card-id/c1`. */
  id: string;
  /** Global key, `deckId/cardId` (a cloze card's `deckId/card-id/c1`). */
  key: string;
  /** The question (inline markdown of the level-2 heading, without its `{#id}`). */
  title: string;
  /**
   * Extra prompt markdown between the field line and the first section ('' if none). A cloze
   * card's is its question: its own deletions blanked, the others filled in.
   */
  body: string;
  /** Model answer, or explanation for choice/typed cards ('' if none). */
  answer: string;
  why: string;
  mistake: string;
  /** Deck tags followed by the card's own, de-duplicated. */
  tags: string[];
  /** 1-based line of the card's heading. */
  line: number;
  /** Hash of everything the user sees; changes when the card's content changes. */
  hash: string;
}

export interface BasicCard extends CardCommon {
  kind: 'basic';
}

export interface ChoiceOption {
  /** Markdown of the option. */
  text: string;
  correct: boolean;
}

export interface ChoiceCard extends CardCommon {
  kind: 'choice';
  options: ChoiceOption[];
  /** True when more than one option is correct ("choose all that apply"). */
  multiple: boolean;
}

export interface TypedCard extends CardCommon {
  kind: 'typed';
  /** Accepted answers as plain text; the first is the canonical one. */
  accept: string[];
}

export interface OpenCard extends CardCommon {
  kind: 'open';
  /** Markdown of each key point. */
  rubric: string[];
}

/** One `{{c1::answer::hint}}` of a cloze card's text. */
export interface ClozeDeletion {
  /** Its number: 1 for `c1`. */
  cloze: number;
  /** The hidden text, as markdown (as code when `code`). */
  answer: string;
  /** What the blank says instead of `...` ('' if none). */
  hint: string;
  /** Inside a code span or block: its text is shown as written, with no markdown escapes. */
  code: boolean;
}

/** A cloze card's text: markdown runs and deletions, in order. */
export type ClozeText = (string | ClozeDeletion)[];

/** One number of a card written with cloze deletions: each number is a card of its own. */
export interface ClozeCard extends CardCommon {
  kind: 'cloze';
  /** The number this card asks: its deletions are blanked, the others shown. */
  cloze: number;
  /** The whole text with every number's deletions (the prompt body as written). */
  text: ClozeText;
  /** Plain text of this number's deletions, in order: what a typed answer is checked against. */
  answers: string[];
  /** `typed: yes`: the user types the answer instead of grading themselves. */
  typed: boolean;
}

export type Card = BasicCard | ChoiceCard | TypedCard | OpenCard | ClozeCard;

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Stable machine-readable code, e.g. `missing-id`. */
  code: string;
  message: string;
  hint: string;
  /** Absent: an error (the deck does not import). `warning`: reported by lint, nothing refused. */
  severity?: 'warning';
}

export interface ParsedDeck {
  /** null when the front matter is unusable. */
  deck: Deck | null;
  /** Cards that parsed cleanly, in file order. */
  cards: Card[];
  problems: Problem[];
}
