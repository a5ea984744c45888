/** Types of the deck format (content/FORMAT.md). Types only: no logic here. */

export const CARD_KINDS = ['basic', 'choice', 'typed', 'open'] as const;
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
  id: string;
  /** Global key, `deckId/cardId`. */
  key: string;
  /** The question (inline markdown of the level-2 heading, without its `{#id}`). */
  title: string;
  /** Extra prompt markdown between the field line and the first section ('' if none). */
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

export type Card = BasicCard | ChoiceCard | TypedCard | OpenCard;

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Stable machine-readable code, e.g. `missing-id`. */
  code: string;
  message: string;
  hint: string;
}

export interface ParsedDeck {
  /** null when the front matter is unusable. */
  deck: Deck | null;
  /** Cards that parsed cleanly, in file order. */
  cards: Card[];
  problems: Problem[];
}
