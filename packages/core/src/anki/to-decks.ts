// An Anki collection as grill deck files (`grill import-anki`). Pure: the collection and what this
// home knows in, file texts and what they map out. One deck file per Anki deck that holds notes
// (filtered decks lend their cards back to their home decks), its title the full name and its id a
// slug of it (`Backend::HTTP` → `backend-http`). A card's id comes from its note's guid
// (`n-` and a hash), so a later export of the same notes updates the same cards; the card of a
// reversed note's second template adds `-r`. A note `grill export-anki` wrote (its guid is
// `ankiGuid` of a card key this home knows) comes back as that card, in that deck.
import { isValidId, slugify, uniqueId } from '../deck/ids.js';
import type { Card } from '../deck/model.js';
import { parseDeck } from '../deck/parse-deck.js';
import { cardMarkdown, type DeckOrigin, type DraftCard, deckFileText } from './deck-file.js';
import { mediaPath } from './html-markdown.js';
import type { AnkiCard, AnkiCollection, AnkiDeck, AnkiNote, AnkiNoteType } from './model.js';
import { EMPTY_ANSWER, type KnownCard, type NoteCard, noteCards, plainText } from './note-cards.js';
import { hash36, noteCardId } from './note-ids.js';
import { type NoteShape, noteShape } from './note-shapes.js';

export type { KnownCard } from './note-cards.js';
export { noteCardId } from './note-ids.js';

/** A card this home knows, with its deck's title and description. */
export type KnownDeckCard = KnownCard & { deckTitle: string; deckDescription: string };

export interface AnkiToDecksOptions {
  /** The package's file name without its extension: written in each file's origin comment. */
  packageName: string;
  /** Cards this home knows, by the guid `grill export-anki` gives their notes (`ankiGuid(key)`). */
  known?: ReadonlyMap<string, KnownDeckCard>;
  /** Deck ids held by deck files of other origin: an Anki deck whose slug is one gets `<slug>-anki`. */
  reservedDeckIds?: ReadonlySet<string>;
  /** The ids a previous import of this package gave its Anki decks, by Anki deck name. */
  previousDeckIds?: ReadonlyMap<string, string>;
  /** The folder media are copied to, relative to the deck files (default `media`). */
  mediaDir?: string;
}

export interface AnkiDeckFile {
  deckId: string;
  title: string;
  /** `<deck id>.md`. */
  fileName: string;
  text: string;
  /** The Anki decks whose notes it holds. */
  ankiDecks: string[];
  notes: number;
  /** Grill cards (each cloze number one). */
  cards: number;
}

export interface AnkiMediaUse {
  /** Files the notes show that the package holds: to copy into the media folder. */
  copy: string[];
  /** Files the notes show that the package lacks (listed without their bytes, or not listed). */
  missing: string[];
  /** Names that are no plain file name (`../x`, `a/b`): never used as paths. */
  unsafe: string[];
}

export interface AnkiDecks {
  decks: AnkiDeckFile[];
  /** Anki card id → grill card key, for every Anki card that became a grill card. */
  cardKeys: Map<number, string>;
  media: AnkiMediaUse;
  notes: number;
  cards: number;
  /** One line each. */
  warnings: string[];
}

/** At most this many notes are named one by one in the warnings. */
const NAMED_NOTES = 10;

const isMediaName = (name: string) => name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);

export function ankiToDecks(col: AnkiCollection, options: AnkiToDecksOptions): AnkiDecks {
  const warnings: string[] = [];
  const mediaDir = options.mediaDir ?? 'media';
  const decksById = new Map(col.decks.map((d) => [d.id, d]));
  const types = new Map(col.noteTypes.map((t) => [t.id, t]));
  const cardsByNote = new Map<number, AnkiCard[]>();
  for (const card of col.cards) {
    const list = cardsByNote.get(card.noteId) ?? [];
    list.push(card);
    cardsByNote.set(card.noteId, list);
  }

  // Media: a file the notes show is linked when the package holds it under a plain name.
  const listed = new Map(col.media.map((m) => [m.name, m]));
  const media = { copy: new Set<string>(), missing: new Set<string>(), unsafe: new Set<string>() };
  const mediaLink = (written: string): string | null => {
    const name = listed.has(written) ? written : decoded(written);
    if (!isMediaName(name)) {
      media.unsafe.add(name);
      return null;
    }
    if (listed.get(name)?.present) {
      media.copy.add(name);
      return mediaPath(mediaDir, name);
    }
    media.missing.add(name);
    return null;
  };

  // Each note's home deck: its first card's (a filtered deck's card counts in its home deck).
  const notes: { note: AnkiNote; type: AnkiNoteType; cards: AnkiCard[]; deck: AnkiDeck }[] = [];
  const noCards: AnkiNote[] = [];
  const unknownType: AnkiNote[] = [];
  for (const note of col.notes) {
    const type = types.get(note.noteTypeId);
    const cards = (cardsByNote.get(note.id) ?? []).sort((a, b) => a.ord - b.ord);
    if (!type) unknownType.push(note);
    else if (cards.length === 0) noCards.push(note);
    else {
      const first = cards[0] as AnkiCard;
      const home = first.originalDeckId || first.deckId;
      const deck = decksById.get(home) ?? { id: home, name: 'Default', filtered: false, description: '' };
      notes.push({ note, type, cards, deck });
    }
  }
  if (unknownType.length > 0)
    warnings.push(`${count(unknownType.length, 'note')} of a note type the package lacks: left out`);
  if (noCards.length > 0) warnings.push(`${count(noCards.length, 'note')} with no cards: left out`);

  const deckIds = assignDeckIds(notes, options);

  // Note types grill does not know: one warning each, saying which fields were read.
  const shapes = new Map<number, NoteShape>();
  const otherTypes = new Map<number, { type: AnkiNoteType; notes: number; cards: number }>();
  for (const { type, cards } of notes) {
    if (!shapes.has(type.id)) shapes.set(type.id, noteShape(type));
    if (shapes.get(type.id)?.kind !== 'other') continue;
    const seen = otherTypes.get(type.id) ?? { type, notes: 0, cards: 0 };
    seen.notes++;
    seen.cards += cards.length;
    otherTypes.set(type.id, seen);
  }
  for (const { type, notes: n, cards } of otherTypes.values()) {
    const [front, back] = type.fields;
    const left = cards - n;
    warnings.push(
      `note type "${type.name}" is not one grill knows (${count(type.fields.length, 'field')}, ${count(type.templates.length, 'card type')}): its ${count(n, 'note')} became basic cards of the fields "${front}" and "${back ?? ''}"${left > 0 ? ` (${count(left, 'card')} of its other card types left out)` : ''}`,
    );
  }

  const files = new Map<
    string,
    {
      origin: Set<string>;
      meta: { title: string; description: string };
      cards: string[];
      notes: number;
      parsed: number;
      ids: Set<string>;
    }
  >();
  const cardKeys = new Map<number, string>();
  const fellBack: string[] = [];
  const dropped: string[] = [];
  let flattened = 0;
  let emptyAnswers = 0;
  for (const { note, type, cards, deck } of notes) {
    const known = options.known?.get(note.guid);
    const deckId = known?.deckId ?? (deckIds.get(deck.id) as string);
    let file = files.get(deckId);
    if (!file) {
      const meta = known
        ? { title: known.deckTitle, description: known.deckDescription }
        : { title: deck.name, description: oneLineText(deck.description) };
      file = { origin: new Set(), meta, cards: [], notes: 0, parsed: 0, ids: new Set() };
      files.set(deckId, file);
    }
    file.origin.add(deck.name);
    const baseId = uniqueId(known?.cardId ?? noteCardId(note.guid), file.ids);
    const made = noteCards(note, shapes.get(type.id) as NoteShape, baseId, known, {
      media: mediaLink,
      tags: grillTags(note.tags),
    });
    flattened += made.flattened;
    let wrote = false;
    const ords = new Set(cards.map((c) => c.ord));
    // A reverse card only where Anki made one (an optional reversed note's is optional).
    for (const nc of made.cards.filter((c) => c.ord === 'cloze' || c.ord === 0 || ords.has(c.ord))) {
      file.ids.add(nc.draft.id);
      const checked = checkCard(nc);
      const where = `note ${JSON.stringify(note.guid)} (${deck.name})`;
      if (!checked) {
        dropped.push(where);
        continue;
      }
      if (checked.fellBack) fellBack.push(`${where}: ${checked.fellBack}`);
      if (checked.draft.answer === EMPTY_ANSWER) emptyAnswers++;
      file.cards.push(checked.markdown);
      file.parsed += checked.cards.length;
      wrote = true;
      for (const card of cards) {
        const key = cardKeyFor(card, nc, checked, deckId, (cards[0] as AnkiCard).ord);
        if (key) cardKeys.set(card.id, key);
      }
    }
    if (wrote) file.notes++;
  }
  if (flattened > 0)
    warnings.push(`${count(flattened, 'cloze deletion')} inside another: kept as text of the one around it`);
  if (fellBack.length > 0)
    warnings.push(...named(fellBack, 'more notes written as basic cards of their plain text'));
  if (dropped.length > 0)
    warnings.push(
      ...named(
        dropped.map((d) => `${d}: could not be written: left out`),
        'more notes left out',
      ),
    );
  if (emptyAnswers > 0)
    warnings.push(
      `${count(emptyAnswers, 'card')} with an empty answer in Anki: written as "(empty in Anki)"`,
    );
  const missing = [...media.missing].sort();
  if (missing.length > 0)
    warnings.push(
      `${count(missing.length, 'media file')} the notes show ${missing.length === 1 ? 'is' : 'are'} not in the package: ${list(missing)}`,
    );
  const unsafe = [...media.unsafe].sort();
  if (unsafe.length > 0)
    warnings.push(
      `${count(unsafe.length, 'media reference')} that ${unsafe.length === 1 ? 'is' : 'are'} no plain file name, left as text: ${list(unsafe)}`,
    );

  const decks: AnkiDeckFile[] = [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([deckId, file]) => {
      const origin: DeckOrigin = { package: options.packageName, decks: [...file.origin].sort() };
      return {
        deckId,
        title: file.meta.title,
        fileName: `${deckId}.md`,
        text: deckFileText({ id: deckId, ...file.meta }, origin, file.cards),
        ankiDecks: origin.decks,
        notes: file.notes,
        cards: file.parsed,
      };
    });
  return {
    decks,
    cardKeys,
    media: { copy: [...media.copy].sort(), missing, unsafe },
    notes: decks.reduce((n, d) => n + d.notes, 0),
    cards: decks.reduce((n, d) => n + d.cards, 0),
    warnings,
  };
}

/**
 * The deck id of each Anki deck that holds notes: the grill deck its notes grill exported came
 * from, when they all came from one; else the id a previous import gave it; else a slug of its
 * name, `<slug>-anki` when another file holds that id, `-2`, `-3`… when taken here.
 */
function assignDeckIds(
  notes: readonly { note: AnkiNote; deck: AnkiDeck }[],
  options: AnkiToDecksOptions,
): Map<number, string> {
  const origins = new Map<number, { deck: AnkiDeck; from: Set<string> }>();
  for (const { note, deck } of notes) {
    const entry = origins.get(deck.id) ?? { deck, from: new Set<string>() };
    const known = options.known?.get(note.guid);
    if (known) entry.from.add(known.deckId);
    origins.set(deck.id, entry);
  }
  const reserved = options.reservedDeckIds ?? new Set<string>();
  const taken = new Set<string>();
  const ids = new Map<number, string>();
  for (const { deck, from } of origins.values()) {
    const only = from.size === 1 ? [...from][0] : undefined;
    if (only !== undefined) {
      ids.set(deck.id, only);
      taken.add(only);
    }
  }
  for (const { deck } of [...origins.values()].sort((a, b) => a.deck.id - b.deck.id)) {
    if (ids.has(deck.id)) continue;
    const previous = options.previousDeckIds?.get(deck.name);
    if (previous !== undefined && isValidId(previous) && !taken.has(previous) && !reserved.has(previous)) {
      ids.set(deck.id, previous);
      taken.add(previous);
      continue;
    }
    const slug = slugify(deck.name, `deck-${hash36(deck.name)}`);
    const base = reserved.has(slug) ? `${slug}-anki` : slug;
    let id = base;
    for (let n = 2; taken.has(id) || reserved.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(deck.id, id);
  }
  return ids;
}

const PROBE = '---\nid: probe\ntitle: Probe\n---\n\n';

/**
 * The card's markdown, checked by the deck parser: the draft, or its plain-text fallback (with
 * the first problem of the draft), or null when neither reads back.
 */
function checkCard(
  nc: NoteCard,
): { draft: DraftCard; markdown: string; cards: Card[]; fellBack: string | null } | null {
  const read = (draft: DraftCard) => {
    const markdown = cardMarkdown(draft);
    const parsed = parseDeck(PROBE + markdown, 'anki.md');
    return { draft, markdown, cards: parsed.cards, problem: parsed.problems[0]?.message ?? null };
  };
  const first = read(nc.draft);
  if (first.problem === null) return { ...first, fellBack: null };
  const second = read(nc.fallback());
  if (second.problem === null) return { ...second, fellBack: `as a ${nc.draft.kind} card, ${first.problem}` };
  return null;
}

/** The grill card key an Anki card of the note stands for, or null. */
function cardKeyFor(
  card: AnkiCard,
  nc: NoteCard,
  checked: { draft: DraftCard; cards: Card[] },
  deckId: string,
  firstOrd: number,
): string | null {
  if (checked.draft.kind === 'cloze') {
    const id = `${checked.draft.id}/c${card.ord + 1}`;
    return checked.cards.some((c) => c.id === id) ? `${deckId}/${id}` : null;
  }
  // A cloze note written as one basic card: the card of its first number.
  const ord = nc.ord === 'cloze' ? firstOrd : nc.ord;
  return card.ord === ord ? `${deckId}/${checked.draft.id}` : null;
}

/** Anki tags as grill tags: no commas (they separate grill's), no duplicates. */
function grillTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.replace(/,/g, '_').trim()).filter((t) => t !== ''))];
}

/** An HTML description as one line of text. */
function oneLineText(html: string): string {
  return plainText(html).replace(/\s+/g, ' ').trim();
}

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

function list(names: readonly string[]): string {
  const shown = names.slice(0, NAMED_NOTES).map((n) => JSON.stringify(n));
  return names.length > NAMED_NOTES
    ? `${shown.join(', ')} and ${names.length - NAMED_NOTES} more`
    : shown.join(', ');
}

/** Lines about notes, the first NAMED_NOTES one by one, then how many more. */
function named(lines: readonly string[], more: string): string[] {
  if (lines.length <= NAMED_NOTES) return [...lines];
  return [...lines.slice(0, NAMED_NOTES), `and ${lines.length - NAMED_NOTES} ${more}`];
}
