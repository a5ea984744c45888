import type { Card } from '../deck/model.js';
import type { CardRecord } from '../engine/records.js';
import type { Db } from './database.js';

interface RawCard {
  key: string;
  deck_id: string;
  card_id: string;
  kind: string;
  content: string;
  content_hash: string;
  source_line: number;
  position: number;
  retired: number;
  added_at: number;
}

// `content` holds what only the card's text says (title, body, answer, tags, ...); what has a
// column of its own (key, deck, id, kind, hash, line) is stored once, there, and put back here.
const toCard = (r: RawCard): CardRecord => ({
  key: r.key,
  deckId: r.deck_id,
  cardId: r.card_id,
  kind: r.kind as Card['kind'],
  content: {
    ...(JSON.parse(r.content) as object),
    key: r.key,
    deckId: r.deck_id,
    id: r.card_id,
    kind: r.kind,
    hash: r.content_hash,
    line: r.source_line,
  } as Card,
  contentHash: r.content_hash,
  sourceLine: r.source_line,
  position: r.position,
  retired: r.retired === 1,
  addedAt: r.added_at,
});

/** Index data of a card, without its content (cheap to load for every card). */
export interface CardIndexRow {
  key: string;
  deckId: string;
  contentHash: string;
  sourceLine: number;
  position: number;
  retired: boolean;
}

export class CardsTable {
  private readonly getStmt;
  private readonly byDeckStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly placeStmt;
  private readonly retireStmt;
  private readonly countsStmt;
  private readonly tagStmt;
  private readonly tagsStmt;
  private readonly tagCountsStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], RawCard>('SELECT * FROM cards WHERE key = ?');
    this.byDeckStmt = db.prepare<
      [string],
      {
        key: string;
        deck_id: string;
        content_hash: string;
        source_line: number;
        position: number;
        retired: number;
      }
    >('SELECT key, deck_id, content_hash, source_line, position, retired FROM cards WHERE deck_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO cards (key, deck_id, card_id, kind, content, content_hash, source_line, position, retired, added_at)
       VALUES (@key, @deckId, @cardId, @kind, @content, @contentHash, @sourceLine, @position, 0, @addedAt)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE cards SET kind = @kind, content = @content, content_hash = @contentHash, source_line = @sourceLine,
         position = @position, retired = 0 WHERE key = @key`,
    );
    this.placeStmt = db.prepare(
      'UPDATE cards SET source_line = @sourceLine, position = @position, retired = 0 WHERE key = @key',
    );
    this.retireStmt = db.prepare('UPDATE cards SET retired = 1 WHERE key = ?');
    this.countsStmt = db.prepare<[], { deck_id: string; kind: string; n: number }>(
      'SELECT deck_id, kind, count(*) AS n FROM cards WHERE retired = 0 GROUP BY deck_id, kind',
    );
    this.tagCountsStmt = db.prepare<[], { tag: string; cards: number }>(
      "SELECT t.value AS tag, count(DISTINCT cards.key) AS cards FROM cards, json_each(cards.content, '$.tags') AS t WHERE cards.retired = 0 GROUP BY t.value ORDER BY tag",
    );
    this.tagsStmt = db.prepare<[], { tag: string }>(
      "SELECT DISTINCT t.value AS tag FROM cards, json_each(cards.content, '$.tags') AS t WHERE cards.retired = 0 ORDER BY tag",
    );
    this.tagStmt = db.prepare<[string], { key: string }>(
      "SELECT cards.key AS key FROM cards, json_each(cards.content, '$.tags') AS t WHERE cards.retired = 0 AND t.value = ?",
    );
  }

  get(key: string): CardRecord | undefined {
    const row = this.getStmt.get(key);
    return row ? toCard(row) : undefined;
  }

  indexOfDeck(deckId: string): CardIndexRow[] {
    return this.byDeckStmt.all(deckId).map((r) => ({
      key: r.key,
      deckId: r.deck_id,
      contentHash: r.content_hash,
      sourceLine: r.source_line,
      position: r.position,
      retired: r.retired === 1,
    }));
  }

  insert(card: Card, position: number, addedAt: number): void {
    this.insertStmt.run(this.params(card, position, addedAt));
  }

  update(card: Card, position: number): void {
    const { addedAt: _ignored, ...params } = this.params(card, position, 0);
    this.updateStmt.run(params);
  }

  /** Moves a card whose content did not change (new line or position, or back from retired). */
  place(key: string, sourceLine: number, position: number): void {
    this.placeStmt.run({ key, sourceLine, position });
  }

  retire(key: string): void {
    this.retireStmt.run(key);
  }

  /** Active card counts per deck and kind. */
  counts(): { deckId: string; kind: string; n: number }[] {
    return this.countsStmt.all().map((r) => ({ deckId: r.deck_id, kind: r.kind, n: r.n }));
  }

  /** Every tag on an active card, sorted. */
  /** Every tag of an active card with its number of active cards, by name. */
  tagCounts(): { tag: string; cards: number }[] {
    return this.tagCountsStmt.all();
  }

  tags(): string[] {
    return this.tagsStmt.all().map((r) => r.tag);
  }

  /** Keys of active cards carrying a tag (deck tags included). */
  keysWithTag(tag: string): Set<string> {
    return new Set(this.tagStmt.all(tag).map((r) => r.key));
  }

  private params(card: Card, position: number, addedAt: number) {
    const { key: _key, deckId: _deckId, id: _id, kind: _kind, hash: _hash, line: _line, ...content } = card;
    return {
      key: card.key,
      deckId: card.deckId,
      cardId: card.id,
      kind: card.kind,
      content: JSON.stringify(content),
      contentHash: card.hash,
      sourceLine: card.line,
      position,
      addedAt,
    };
  }
}
