// What the engine's reads return: a card as imported, a deck, an event set aside. The store maps
// its rows into these; nothing outside core sees a row.
import type { Card } from '../deck/model.js';

/** A card as imported: its content and where it stands in its deck. */
export interface CardRecord {
  key: string;
  deckId: string;
  cardId: string;
  kind: Card['kind'];
  content: Card;
  contentHash: string;
  sourceLine: number;
  position: number;
  retired: boolean;
  addedAt: number;
}

export interface DeckRecord {
  id: string;
  title: string;
  description: string;
  tags: string[];
  sourcePath: string;
  sourceHash: string;
  /** Size and mtime of the file when it was last seen with this hash (-1: unknown). */
  sourceSize: number;
  sourceMtime: number;
  importedAt: number;
}

/** An event that failed the protocol's checks: kept as it came, never applied. */
export interface QuarantinedEvent {
  /** The event as received or as it was in the log (JSON text). */
  event: string;
  /** What is wrong with it, one line (`payload/rating must be …`). */
  problem: string;
  /** Where it came from: `pulled` (from the sync server) or `log` (found in this database's own log). */
  origin: 'pulled' | 'log';
  /** When it was set aside, ms since the epoch. */
  at: number;
}
