import type { Db } from './database.js';

export interface DeckRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  sourcePath: string;
  sourceHash: string;
  importedAt: number;
}

interface RawDeck {
  id: string;
  title: string;
  description: string;
  tags: string;
  source_path: string;
  source_hash: string;
  imported_at: number;
}

const toDeck = (r: RawDeck): DeckRow => ({
  id: r.id,
  title: r.title,
  description: r.description,
  tags: JSON.parse(r.tags) as string[],
  sourcePath: r.source_path,
  sourceHash: r.source_hash,
  importedAt: r.imported_at,
});

export class DecksTable {
  private readonly allStmt;
  private readonly getStmt;
  private readonly upsertStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<[], RawDeck>('SELECT * FROM decks ORDER BY id');
    this.getStmt = db.prepare<[string], RawDeck>('SELECT * FROM decks WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO decks (id, title, description, tags, source_path, source_hash, imported_at)
       VALUES (@id, @title, @description, @tags, @sourcePath, @sourceHash, @importedAt)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, tags = excluded.tags,
         source_path = excluded.source_path, source_hash = excluded.source_hash, imported_at = excluded.imported_at`,
    );
  }

  all(): DeckRow[] {
    return this.allStmt.all().map(toDeck);
  }

  get(id: string): DeckRow | undefined {
    const row = this.getStmt.get(id);
    return row ? toDeck(row) : undefined;
  }

  upsert(deck: DeckRow): void {
    this.upsertStmt.run({ ...deck, tags: JSON.stringify(deck.tags) });
  }
}
