// Decks as Anki notes (`grill export-anki`): what to write into an Anki package. One Anki deck per
// grill deck, named by its title; one note per card (one per cloze card, whatever its numbers),
// of Anki's standard note types, with fields rendered from the card's markdown to HTML. A note's
// guid comes from its card key, so the same card is the same note in every export: importing a
// later export into Anki updates the notes instead of adding copies. Cards are exported new: the
// review history stays in grill.
import { createHash } from 'node:crypto';
import { ankiGuid } from '../anki/guid.js';
import type { AnkiCardData, AnkiDeck, AnkiNote, AnkiNoteType, AnkiPackageData } from '../anki/model.js';
import { escapeHtml } from '../anki/note-text.js';
import { BASIC, BASIC_TYPE_IN, CLOZE } from '../anki/stock-note-types.js';
import type { Card, ClozeDeletion, ClozeText } from '../deck/model.js';
import type { Grill } from './grill.js';
import type { CardRecord, DeckRecord } from './records.js';

/** What was gathered of one grill deck. */
export interface AnkiExportDeck {
  deckId: string;
  /** The Anki deck's name: the title, or (when two decks share one) the title and the deck id. */
  name: string;
  notes: number;
  cards: number;
}

export interface AnkiExport {
  /** What `writeAnkiPackage` writes. */
  data: AnkiPackageData;
  /** The decks exported, in the order asked (all: by id). */
  decks: AnkiExportDeck[];
}

/** The markdown renderer (commonmark), loaded when an export needs it. */
type Markdown = typeof import('../anki/markdown-html.js');

/** The deck every Anki collection has (id 1). */
const DEFAULT_DECK: AnkiDeck = { id: 1, name: 'Default', filtered: false, description: '' };

/**
 * The active cards of the decks `deckIds` (every deck when empty) as Anki decks, notes and cards.
 * Throws NotFoundError `unknown-deck` for an id no deck has. Reads the database only; asynchronous
 * only to load the markdown renderer, which no other command of the CLI's needs at start.
 */
export async function ankiExport(grill: Grill, deckIds: readonly string[] = []): Promise<AnkiExport> {
  const decks = deckIds.length > 0 ? [...new Set(deckIds)].map((id) => grill.requireDeck(id)) : grill.decks();
  const md = await import('../anki/markdown-html.js');
  const names = deckNames(decks);
  const ankiDecks: AnkiDeck[] = [DEFAULT_DECK];
  const notes: AnkiNote[] = [];
  const cards: AnkiCardData[] = [];
  const noteTypes = new Map<number, AnkiNoteType>();
  const summary: AnkiExportDeck[] = [];
  const ids = { note: 0, card: 0 };
  // Ids are times in ms, as Anki's are: when grill first saw the card, kept unique and increasing.
  const nextId = (kind: 'note' | 'card', at: number) => (ids[kind] = Math.max(at, ids[kind] + 1));

  for (const deck of decks) {
    const name = names.get(deck.id) ?? deck.id;
    const ankiDeckId = numericId(`deck:${deck.id}`);
    ankiDecks.push({
      id: ankiDeckId,
      name,
      filtered: false,
      description: clean(escapeHtml(deck.description)),
    });
    const before = { notes: notes.length, cards: cards.length };
    for (const group of noteGroups(activeCards(grill, deck.id))) {
      const first = group[0] as CardRecord;
      const { noteType, fields } = noteFields(md, first.content);
      noteTypes.set(noteType.id, noteType);
      const noteId = nextId('note', Math.min(...group.map((c) => c.addedAt)));
      notes.push({
        id: noteId,
        guid: ankiGuid(noteKey(first.content)),
        noteTypeId: noteType.id,
        fields: fields.map(clean),
        tags: ankiTags(first.content.tags),
      });
      for (const card of group) {
        const ord = card.content.kind === 'cloze' ? card.content.cloze - 1 : 0;
        cards.push({
          id: nextId('card', card.addedAt),
          noteId,
          deckId: ankiDeckId,
          originalDeckId: 0,
          ord,
          // New, in export order.
          type: 0,
          queue: 0,
          due: cards.length + 1,
          ivl: 0,
          factor: 0,
          reps: 0,
          lapses: 0,
        });
      }
    }
    summary.push({
      deckId: deck.id,
      name,
      notes: notes.length - before.notes,
      cards: cards.length - before.cards,
    });
  }
  ankiDecks.push(...parentDecks(ankiDecks));
  const data = { decks: ankiDecks, noteTypes: [...noteTypes.values()], notes, cards, revlog: [], media: [] };
  return { data, decks: summary };
}

/** The active cards of a deck, in file order. */
function activeCards(grill: Grill, deckId: string): CardRecord[] {
  return grill.store.cards
    .indexOfDeck(deckId)
    .filter((row) => !row.retired)
    .sort((a, b) => a.position - b.position)
    .flatMap((row) => grill.card(row.key) ?? []);
}

/** The card key a note stands for: a cloze card's without its number (`deck/card`, not `deck/card/c1`). */
function noteKey(card: Card): string {
  return card.kind === 'cloze' ? card.key.slice(0, -`/c${card.cloze}`.length) : card.key;
}

/** Cards by the note they make, in file order: a cloze card's numbers make one note. */
function noteGroups(cards: readonly CardRecord[]): CardRecord[][] {
  const groups = new Map<string, CardRecord[]>();
  for (const card of cards) {
    const key = noteKey(card.content);
    const group = groups.get(key);
    if (group) group.push(card);
    else groups.set(key, [card]);
  }
  return [...groups.values()];
}

/** The note type a card maps to, and the note's fields as HTML (a cloze card's numbers share them). */
function noteFields(md: Markdown, card: Card): { noteType: AnkiNoteType; fields: string[] } {
  const question = [md.inlineHtml(card.title), card.body ? md.markdownHtml(card.body) : ''];
  switch (card.kind) {
    case 'typed':
      // Anki checks the typed text against the whole Back field: the first accepted answer alone.
      return { noteType: BASIC_TYPE_IN, fields: [join(question), escapeHtml(card.accept[0] ?? '')] };
    case 'choice': {
      const options = list(
        md,
        card.options.map((o) => o.text),
        'ol',
      );
      const all = card.multiple ? '<p><i>Choose every correct option.</i></p>' : '';
      const correct = card.options.filter((o) => o.correct).map((o) => o.text);
      const back = [heading('Correct'), list(md, correct, 'ul'), ...explanation(md, card)];
      return { noteType: BASIC, fields: [join([...question, options, all]), join(back)] };
    }
    case 'open': {
      const rubric = [heading('Rubric'), list(md, card.rubric, 'ul')];
      return { noteType: BASIC, fields: [join(question), join([...rubric, ...explanation(md, card)])] };
    }
    case 'cloze':
      return {
        noteType: CLOZE,
        fields: [join([md.inlineHtml(card.title), clozeHtml(md, card.text)]), join(explanation(md, card))],
      };
    default:
      return { noteType: BASIC, fields: [join(question), join(explanation(md, card))] };
  }
}

/** The model answer, then why it matters and the common mistake, as grill shows them revealed. */
function explanation(md: Markdown, card: Card): string[] {
  return [
    card.answer ? md.markdownHtml(card.answer) : '',
    labelled(md, 'Why it matters', card.why),
    labelled(md, 'Common mistake', card.mistake),
  ];
}

const join = (parts: readonly string[]) => parts.filter((p) => p !== '').join('\n');

function list(md: Markdown, items: readonly string[], tag: 'ol' | 'ul'): string {
  if (items.length === 0) return '';
  return `<${tag}>\n${items.map((item) => `<li>${md.inlineHtml(item)}</li>`).join('\n')}\n</${tag}>`;
}

/** A label over what follows it: `Rubric:`. */
const heading = (label: string) => `<p><b>${escapeHtml(label)}:</b></p>`;

/** `**Label:** text` as HTML, on one line when the text is one paragraph; '' for no text. */
function labelled(md: Markdown, label: string, markdown: string): string {
  if (markdown === '') return '';
  const head = `<b>${escapeHtml(label)}:</b>`;
  const html = md.markdownHtml(markdown);
  const paragraph = /^<p>([\s\S]*)<\/p>$/.exec(html);
  if (paragraph && !paragraph[1]?.includes('<p>')) return `<p>${head} ${paragraph[1]}</p>`;
  return `<p>${head}</p>\n${html}`;
}

// Marks put around each deletion's answer while the text is rendered, then replaced by Anki's
// cloze syntax: private-use characters, which markdown leaves as they are.
const OPEN = '\ue001';
const CLOSE = '\ue002';

/**
 * A cloze card's text as HTML with Anki's deletions, `{{c1::answer}}` or `{{c1::answer::hint}}`,
 * the answers rendered in place (as grill shows them revealed). Braces and colons that Anki would
 * read as cloze syntax are written as character references.
 */
function clozeHtml(md: Markdown, text: ClozeText): string {
  const deletions: ClozeDeletion[] = [];
  const markdown = text
    .map((part) => {
      if (typeof part === 'string') return part;
      deletions.push(part);
      return OPEN + part.answer + CLOSE;
    })
    .join('');
  const html = literalBraces(md.markdownHtml(markdown));
  const marks = html.match(/[\ue001\ue002]/g) ?? [];
  const paired = marks.length === 2 * deletions.length && marks.every((m, i) => m === (i % 2 ? CLOSE : OPEN));
  // A deletion markdown cannot keep in place (inside a link's address, say): the text as written.
  if (!paired)
    return `<p>${text.map((part) => (typeof part === 'string' ? textHtml(part) : deletion(part, textHtml(part.answer)))).join('')}</p>`;
  let i = 0;
  return html.replace(/\ue001([\s\S]*?)\ue002/g, (_, answer: string) =>
    deletion(deletions[i++] as ClozeDeletion, answer),
  );
}

/** Anki's syntax for deletion `d`, its answer as `answerHtml`. */
function deletion(d: ClozeDeletion, answerHtml: string): string {
  // A `}` just before the closing `}}` would close the deletion one brace early.
  const inside = (html: string) => literalColons(html).replace(/\}$/, '&#125;');
  const hint = d.hint ? `::${inside(textHtml(d.hint))}` : '';
  return `{{c${d.cloze}::${inside(answerHtml)}${hint}}}`;
}

/** Source text as HTML that shows it as written, lines kept. */
const textHtml = (text: string) => literalBraces(escapeHtml(text)).replace(/\n/g, '<br>');

/** `{{` and `}}` as text Anki never reads as the start or end of a deletion. */
const literalBraces = (html: string) => html.replace(/\{(?=\{)/g, '&#123;').replace(/\}(?=\})/g, '&#125;');
/** `::` as text Anki never reads as the start of a hint. */
const literalColons = (html: string) => html.replace(/:(?=:)/g, '&#58;');

// ASCII control characters but tab and newline: Anki removes them from fields on import, and
// U+001F would split a field in two.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;
const clean = (text: string) => text.replace(CONTROL, '');

/** Tags as Anki takes them: no spaces (a space separates tags), no control characters. */
function ankiTags(tags: readonly string[]): string[] {
  const cleaned = tags.map((tag) => clean(tag).trim().replace(/\s+/g, '_')).filter((tag) => tag !== '');
  return [...new Set(cleaned)];
}

/**
 * Each deck's Anki name: its title, levels split at `::` as Anki nests decks, each level trimmed
 * and empty ones dropped; the deck id when nothing is left. A name already taken (Anki compares
 * them without case; `Default` is Anki's own) gets the deck id after it.
 */
function deckNames(decks: readonly DeckRecord[]): Map<string, string> {
  const taken = new Set([DEFAULT_DECK.name.toLowerCase()]);
  const names = new Map<string, string>();
  for (const deck of decks) {
    const levels = clean(deck.title)
      .split('::')
      .map((level) => level.trim())
      .filter((level) => level !== '');
    let name = levels.length > 0 ? levels.join('::') : deck.id;
    if (taken.has(name.toLowerCase())) name = `${name} (${deck.id})`;
    taken.add(name.toLowerCase());
    names.set(deck.id, name);
  }
  return names;
}

/** The decks a nested name needs above it that are not there (`A` and `A::B` for `A::B::C`). */
function parentDecks(decks: readonly AnkiDeck[]): AnkiDeck[] {
  const have = new Set(decks.map((d) => d.name.toLowerCase()));
  const parents: AnkiDeck[] = [];
  for (const deck of decks) {
    const levels = deck.name.split('::');
    for (let n = 1; n < levels.length; n++) {
      const name = levels.slice(0, n).join('::');
      if (have.has(name.toLowerCase())) continue;
      have.add(name.toLowerCase());
      parents.push({ id: numericId(`parent:${name}`), name, filtered: false, description: '' });
    }
  }
  return parents;
}

/**
 * A deck id made from `seed`: the same deck has the same id in every export (Anki gives the decks
 * of an imported package ids of its own, matching them by name). 48 bits of the seed's SHA-256,
 * above the Default deck's 1.
 */
function numericId(seed: string): number {
  return createHash('sha256').update(seed, 'utf8').digest().readUIntBE(0, 6) + 2;
}
