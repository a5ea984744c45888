/**
 * What an Anki package (.apkg, .colpkg) holds, as `readAnkiPackage` returns it and
 * `writeAnkiPackage` takes it. Types only.
 * Ids are Anki's own: integers, mostly creation times in ms. Times are ms since the Unix epoch.
 */

/**
 * Which collection file the data came from: `legacy1` collection.anki2 (Anki 2.0, schema 11),
 * `legacy2` collection.anki21 (Anki 2.1, schema 11), `latest` collection.anki21b (Anki 2.1.50+,
 * zstd-compressed, schema 18).
 */
export type AnkiPackageVersion = 'legacy1' | 'legacy2' | 'latest';

export interface AnkiCollection {
  version: AnkiPackageVersion;
  /** The zip entry the collection was read from, e.g. `collection.anki21b`. */
  collectionFile: string;
  /** The collection's schema version (`col.ver`): 11 in legacy packages, 18 in latest ones. */
  schema: number;
  /** By id. A package exported from one deck still holds Anki's `Default` deck (id 1). */
  decks: AnkiDeck[];
  /** By id. */
  noteTypes: AnkiNoteType[];
  /** By id. */
  notes: AnkiNote[];
  /** By id. */
  cards: AnkiCard[];
  /** By id, i.e. in the order the reviews happened. Empty when exported without scheduling. */
  revlog: AnkiReview[];
  /** The package's media list, by name. */
  media: AnkiMediaFile[];
  /**
   * The bytes of the media file `name`, decompressed; undefined when the media list has no such
   * name or the package lacks its bytes. Throws an `InvalidInputError` if the bytes are corrupt.
   */
  readMedia(name: string): Uint8Array | undefined;
}

export interface AnkiDeck {
  id: number;
  /** Full name, levels joined with `::`, e.g. `Languages::Spanish::Verbs`. */
  name: string;
  /** A filtered (dynamic) deck borrows cards from others; see `AnkiCard.originalDeckId`. */
  filtered: boolean;
  /** The description shown on the deck's overview, HTML ('' if none; filtered decks have none). */
  description: string;
}

export interface AnkiNoteType {
  id: number;
  name: string;
  /** `cloze`: one card per cloze number, from the single template; `normal`: one per template. */
  kind: 'normal' | 'cloze';
  /** Field names in order; `AnkiNote.fields` follow this order. */
  fields: string[];
  /** Card templates in order; a normal note type's card `ord` indexes this list. */
  templates: AnkiTemplate[];
  /** CSS shared by the templates. */
  css: string;
}

export interface AnkiTemplate {
  name: string;
  /** Question side: HTML with Anki's `{{Field}}` / `{{cloze:Text}}` replacements. */
  qfmt: string;
  /** Answer side, same syntax; usually starts with `{{FrontSide}}`. */
  afmt: string;
}

export interface AnkiNote {
  /** Creation time, ms. */
  id: number;
  /** Stable across collections: the same note in another export has the same guid. */
  guid: string;
  noteTypeId: number;
  /** Field values as HTML, in the note type's field order (a damaged note may have more or fewer). */
  fields: string[];
  /** Tags; hierarchical ones use `::` (`lang::es`). */
  tags: string[];
}

export interface AnkiCard {
  /** Creation time, ms. */
  id: number;
  noteId: number;
  /** The deck the card is in now (a filtered deck while it is borrowed). */
  deckId: number;
  /** The card's home deck while it sits in a filtered deck; 0 otherwise. */
  originalDeckId: number;
  /** Template index (normal note types) or cloze number − 1 (cloze note types). */
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /**
   * 0 new, 1 learning (due is a time in s), 2 review (due is a day number), 3 learning across
   * days, 4 preview; -1 suspended, -2 buried by the scheduler, -3 buried by the user.
   */
  queue: number;
  suspended: boolean;
  /** Buried until the next day, by the user or by Anki (sibling burying). */
  buried: boolean;
  /** Position (new), unix time in s (learning) or day number from the collection's creation (review). */
  due: number;
  /** Current interval: days when positive, seconds when negative. */
  ivl: number;
  /** Ease in permille (2500 = 250%); 0 for new cards. */
  factor: number;
  reps: number;
  lapses: number;
}

export interface AnkiReview {
  /** When the answer was given, ms since the epoch (unique per review). */
  id: number;
  cardId: number;
  /** Button: 1 again, 2 hard, 3 good, 4 easy (old learning reviews: 3 easy); 0 manual reschedule. */
  ease: number;
  /** Interval after the review: days when positive, seconds when negative. */
  ivl: number;
  /** Interval before the review, same units. */
  lastIvl: number;
  /** Ease after the review in permille (2500 = 250%), or FSRS difficulty scaled to 100–1100. */
  factor: number;
  /** Time taken to answer, ms (Anki caps it, 60 s by default). */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered (cram/early), 4 manual, 5 rescheduled. */
  type: number;
}

export interface AnkiMediaFile {
  /**
   * File name as notes refer to it (`<img src="…">`, `[sound:…]`). Taken as the package gives it:
   * check it before using it as a path.
   */
  name: string;
  /** Whether the package holds the file's bytes (media lists may name files left out). */
  present: boolean;
  /** Uncompressed size in bytes: as listed (latest) or from the zip (legacy); null if unknown. */
  size: number | null;
}

/**
 * What `writeAnkiPackage` writes: a collection as the reader returns it, with the media's bytes.
 * Written and read back, each part comes back equal (cards with `suspended` and `buried` derived
 * from their queue).
 */
export interface AnkiPackageData {
  /** Must hold Anki's `Default` deck (id 1), as every collection does. */
  decks: AnkiDeck[];
  noteTypes: AnkiNoteType[];
  notes: AnkiNote[];
  cards: AnkiCardData[];
  revlog: AnkiReview[];
  media: AnkiMediaData[];
}

/** A card to write: `suspended` and `buried` are what its `queue` says. */
export type AnkiCardData = Omit<AnkiCard, 'suspended' | 'buried'>;

export interface AnkiMediaData {
  /** The name notes refer to it by: a plain file name, no folders. */
  name: string;
  data: Uint8Array;
}
