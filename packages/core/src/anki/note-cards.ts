// One Anki note as grill cards (drafts, checked later by the deck parser). Native notes: the front
// field's first line is the question, the rest of it the prompt, the back the answer. Notes that
// `grill export-anki` wrote (known by their guid) are read back into the kind they were exported
// from: the options and the correct ones of a choice card, the rubric of an open card, the
// labelled "Why it matters" and "Common mistake" paragraphs of every kind.
import type { CardKind } from '../deck/model.js';
import { clozePlainHtml, hasMarks, markClozes, unmarkClozes } from './cloze-html.js';
import { type DraftCard, draftCard } from './deck-file.js';
import { htmlToMarkdown, type MediaLink, textMarkdown } from './html-markdown.js';
import { type Block, markdownBlocks, oneLine } from './markdown-blocks.js';
import type { AnkiNote } from './model.js';
import type { NoteShape } from './note-shapes.js';
import { fieldText } from './note-text.js';

/** A note grill exported: the card it was, as this home knows it. */
export interface KnownCard {
  deckId: string;
  /** The card id (a cloze card's without its number). */
  cardId: string;
  kind: CardKind;
  /** A cloze card's `typed: yes`. */
  typed: boolean;
}

/** A card made from a note, with what it stands for in Anki and a plainer form to fall back on. */
export interface NoteCard {
  draft: DraftCard;
  /** A basic card of the same text as plain text: for when the draft does not read back. */
  fallback: () => DraftCard;
  /** The Anki card (by template index or cloze number − 1) the draft stands for; cloze: every ord. */
  ord: number | 'cloze';
}

/** What an answer the note left empty is written as (basic cards need one). */
export const EMPTY_ANSWER = '*(empty in Anki)*';

export interface NoteContext {
  media: MediaLink;
  /** The note's tags, as grill tags. */
  tags: string[];
}

export function noteCards(
  note: AnkiNote,
  shape: NoteShape,
  id: string,
  known: KnownCard | undefined,
  ctx: NoteContext,
): { cards: NoteCard[]; flattened: number } {
  const field = (i: number) => (i >= 0 ? (note.fields[i] ?? '') : '');
  const md = (html: string) => htmlToMarkdown(html, { media: ctx.media });
  const base = { tags: ctx.tags };
  switch (shape.kind) {
    case 'cloze': {
      const text = field(shape.text);
      const extra = field(shape.extra);
      const marked = markClozes(text);
      const markdown = htmlToMarkdown(marked.html, { media: ctx.media, cloze: true });
      const lead = splitLead(markdown);
      const titled = lead && !hasMarks(lead.title) && hasMarks(lead.rest);
      const explained =
        known?.kind === 'cloze'
          ? explanation(labelled(md(extra)))
          : { answer: md(extra), why: '', mistake: '' };
      const draft = draftCard({
        ...base,
        id,
        kind: 'cloze',
        title: titled ? unmarkClozes(lead.title) : excerpt(clozePlainHtml(text, true)),
        body: unmarkClozes(titled ? lead.rest : markdown),
        typed: known?.kind === 'cloze' && known.typed,
        ...explained,
      });
      const fallback = () =>
        plainCard(id, clozePlainHtml(text, true), `${clozePlainHtml(text, false)}<br>${extra}`, ctx);
      return { cards: [{ draft, fallback, ord: 'cloze' }], flattened: marked.flattened };
    }
    case 'typed': {
      const front = field(shape.front);
      const answer = field(shape.answer);
      const accepted = oneLine(plainText(answer).replace(/\n/g, ' '));
      const draft = draftCard({
        ...base,
        id,
        kind: 'typed',
        ...question(md(front), front),
        accept: accepted === '' ? [] : [textMarkdown(accepted)],
      });
      return { cards: [{ draft, fallback: () => plainCard(id, front, answer, ctx), ord: 0 }], flattened: 0 };
    }
    default: {
      const front = field(shape.front);
      const back = field(shape.back);
      const forward = known ? knownCard(md(front), md(back), front, id, known.kind) : null;
      const cards: NoteCard[] = [
        {
          draft: draftCard({ ...base, ...(forward ?? basic(md(front), md(back), front, id)) }),
          fallback: () => plainCard(id, front, back, ctx),
          ord: 0,
        },
      ];
      if (shape.kind === 'basic' && shape.reverse) {
        const reverseId = `${id}-r`;
        cards.push({
          draft: draftCard({ ...base, ...basic(md(back), md(front), back, reverseId) }),
          fallback: () => plainCard(reverseId, back, front, ctx),
          ord: 1,
        });
      }
      return { cards, flattened: 0 };
    }
  }
}

type CardText = Pick<DraftCard, 'id' | 'kind' | 'title'> & Partial<DraftCard>;

function basic(front: string, back: string, frontHtml: string, id: string): CardText {
  return { id, kind: 'basic', ...question(front, frontHtml), answer: back || EMPTY_ANSWER };
}

/** A note grill exported from a card of `kind`, read back into that kind when its layout is there. */
function knownCard(
  front: string,
  back: string,
  frontHtml: string,
  id: string,
  kind: CardKind,
): CardText | null {
  if (kind === 'choice') {
    const blocks = markdownBlocks(front);
    const at = blocks.findLastIndex((b) => b.listType === 'ordered' && b.items !== null);
    const options = blocks[at]?.items;
    const explained = labelled(back, ['Correct']);
    const correct = explained.lists.Correct;
    if (!options || !correct) return null;
    const before = blocks.slice(0, at).map((b) => b.text);
    return {
      id,
      kind: 'choice',
      ...question(before.join('\n\n'), frontHtml),
      options: options.map((text) => ({ text, correct: correct.includes(text) })),
      answer: explained.answer,
      why: explained.why,
      mistake: explained.mistake,
    };
  }
  if (kind === 'open') {
    const explained = labelled(back, ['Rubric']);
    const rubric = explained.lists.Rubric;
    if (!rubric) return null;
    return {
      id,
      kind: 'open',
      ...question(front, frontHtml),
      rubric,
      ...explanation(explained),
      answer: explained.answer || EMPTY_ANSWER,
    };
  }
  if (kind === 'basic') {
    const explained = labelled(back);
    return {
      id,
      kind: 'basic',
      ...question(front, frontHtml),
      ...explanation(explained),
      answer: explained.answer || EMPTY_ANSWER,
    };
  }
  return null;
}

const explanation = (e: { answer: string; why: string; mistake: string }) => ({
  answer: e.answer,
  why: e.why,
  mistake: e.mistake,
});

/** A question's markdown as a heading and a prompt body: the first line, if it is a line of text, and the rest. */
function question(markdown: string, html: string): { title: string; body: string } {
  const lead = splitLead(markdown);
  if (lead && hasWords(lead.title)) return { title: lead.title, body: lead.rest };
  return { title: excerpt(html), body: markdown };
}

/**
 * The first line of markdown that starts with a paragraph or a heading (without its `#`s), and the
 * rest; null if it starts otherwise.
 */
export function splitLead(markdown: string): { title: string; rest: string } | null {
  const first = markdownBlocks(markdown)[0]?.type;
  if (first !== 'paragraph' && first !== 'heading') return null;
  const end = markdown.indexOf('\n');
  if (first === 'heading') {
    const title = (end < 0 ? markdown : markdown.slice(0, end)).replace(/^#+\s*/, '').trim();
    return title === '' ? null : { title, rest: end < 0 ? '' : markdown.slice(end + 1).trim() };
  }
  const title = oneLine(end < 0 ? markdown : markdown.slice(0, end));
  if (title === '') return null;
  return { title, rest: end < 0 ? '' : markdown.slice(end + 1).trim() };
}

/** Whether inline markdown shows a letter or a digit (a link's address aside). */
const hasWords = (inline: string) => /[\p{L}\p{N}]/u.test(inline.replace(/\]\([^)]*\)/g, ']'));

const EXCERPT_LENGTH = 80;

/** A heading for a field whose markdown does not start with a line of text: its first words. */
function excerpt(html: string): string {
  const text = plainText(html).replace(/\s+/g, ' ').trim();
  if (text === '') return '(no text)';
  const cut = text.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(' ');
  const short =
    text.length <= EXCERPT_LENGTH
      ? text
      : `${(space > EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  const markdown = textMarkdown(short);
  // Brackets that make no link (a heading holds no link definitions) read better unescaped: `[...]`.
  const bare = markdown.replace(/\\([[\]])/g, '$1');
  return /\](?:[([])/.test(bare) ? markdown : bare;
}

/** A field's text: markup gone, blocks and line breaks as lines, spaces collapsed. */
export function plainText(html: string): string {
  const lines = html.replace(/<br\s*\/?>|<\/(?:div|p|li|h[1-6]|pre|tr)>/gi, '\n');
  return fieldText(lines)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A basic card of the question and answer as plain text, for a note whose draft does not read back. */
function plainCard(id: string, questionHtml: string, answerHtml: string, ctx: NoteContext): DraftCard {
  const body = plainText(questionHtml);
  const answer = plainText(answerHtml);
  return draftCard({
    id,
    kind: 'basic',
    tags: ctx.tags,
    title: excerpt(questionHtml),
    body: body.includes('\n') || body.length > EXCERPT_LENGTH ? textMarkdown(body) : '',
    answer: answer === '' ? EMPTY_ANSWER : textMarkdown(answer),
  });
}

const LABELS = { 'Why it matters': 'why', 'Common mistake': 'mistake' } as const;

/**
 * An answer as `grill export-anki` writes it, split back: the model answer, then paragraphs that
 * start with a bold `Why it matters:` or `Common mistake:`, and (`lists`) a bold label alone
 * followed by a list (`Correct:`, `Rubric:`).
 */
function labelled(
  markdown: string,
  listLabels: readonly string[] = [],
): { answer: string; why: string; mistake: string; lists: Record<string, string[]> } {
  const parts: Record<'answer' | 'why' | 'mistake', string[]> = { answer: [], why: [], mistake: [] };
  const lists: Record<string, string[]> = {};
  let into: 'answer' | 'why' | 'mistake' = 'answer';
  const blocks: Block[] = markdownBlocks(markdown);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const label = block.type === 'paragraph' ? /^\*\*([^*]+):\*\*(?:\s+|$)/.exec(block.text) : null;
    const name = label?.[1] ?? '';
    const next = blocks[i + 1];
    if (label && listLabels.includes(name) && block.text === label[0].trim() && next?.items) {
      lists[name] = next.items;
      i++;
      continue;
    }
    if (label && name in LABELS) {
      into = LABELS[name as keyof typeof LABELS];
      const rest = block.text.slice(label[0].length).trim();
      if (rest !== '') parts[into].push(rest);
      continue;
    }
    parts[into].push(block.text);
  }
  const join = (blocks: string[]) => blocks.join('\n\n').trim();
  return { answer: join(parts.answer), why: join(parts.why), mistake: join(parts.mistake), lists };
}
