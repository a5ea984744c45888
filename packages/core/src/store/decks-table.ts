import type { DeckRecord } from '../engine/records.js';
import type { Db } from './database.js';

interface RawDeck {
  id: string;
  title: string;
  description: string;
  tags: string;
  source_path: string;
  source_hash: string;
  source_size: number;
  source_mtime: number;
  imported_at: number;
}

const toDeck = (r: RawDeck): DeckRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  tags: JSON.parse(r.tags) as string[],
  sourcePath: r.source_path,
  sourceHash: r.source_hash,
  sourceSize: r.source_size,
  sourceMtime: r.source_mtime,
  importedAt: r.imported_at,
});

export class DecksTable {
  private readonly allStmt;
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly seenStmt;

  constructor(db: Db) {
    this.seenStmt = db.prepare(
      'UPDATE decks SET source_size = @sourceSize, source_mtime = @sourceMtime WHERE id = @id',
    );
    this.allStmt = db.prepare<[], RawDeck>('SELECT * FROM decks ORDER BY id');
    this.getStmt = db.prepare<[string], RawDeck>('SELECT * FROM decks WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO decks (id, title, description, tags, source_path, source_hash, source_size, source_mtime, imported_at)
       VALUES (@id, @title, @description, @tags, @sourcePath, @sourceHash, @sourceSize, @sourceMtime, @importedAt)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, tags = excluded.tags,
         source_path = excluded.source_path, source_hash = excluded.source_hash, source_size = excluded.source_size,
         source_mtime = excluded.source_mtime, imported_at = excluded.imported_at`,
    );
  }

  /** Records that the deck's file, unchanged in content, now has this size and mtime. */
  seen(id: string, sourceSize: number, sourceMtime: number): void {
    this.seenStmt.run({ id, sourceSize, sourceMtime });
  }

  all(): DeckRecord[] {
    return this.allStmt.all().map(toDeck);
  }

  get(id: string): DeckRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toDeck(row) : undefined;
  }

  upsert(deck: DeckRecord): void {
    this.upsertStmt.run({ ...deck, tags: JSON.stringify(deck.tags) });
  }
}
