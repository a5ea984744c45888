import type Database from 'better-sqlite3';
import { BrowseQueries } from './browse-queries.js';
import { CardsTable } from './cards-table.js';
import { type Db, type OpenOptions, openDatabase } from './database.js';
import { DecksTable } from './decks-table.js';
import { EventsTable } from './events-table.js';
import { MetaTable } from './meta-table.js';
import { MockQueries } from './mock-queries.js';
import { QuarantineTable } from './quarantine-table.js';
import { QueueQueries } from './queue-queries.js';
import { ReviewsTable } from './reviews-table.js';
import { SettingsTable } from './settings-table.js';
import { StateTable } from './state-table.js';
import { StatsQueries } from './stats-queries.js';

/** All SQL lives behind this object: one table module each, plus the read-only query sets. */
export class Store {
  readonly decks: DecksTable;
  readonly cards: CardsTable;
  readonly events: EventsTable;
  readonly states: StateTable;
  readonly reviews: ReviewsTable;
  readonly settings: SettingsTable;
  readonly meta: MetaTable;
  readonly quarantine: QuarantineTable;
  readonly queue: QueueQueries;
  readonly stats: StatsQueries;
  readonly mock: MockQueries;
  readonly browse: BrowseQueries;
  /** One transaction wrapper for every `transaction(fn)`: making one per call cost each answer µs. */
  private readonly run: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(readonly db: Db) {
    this.run = db.transaction((fn: () => unknown) => fn());
    this.decks = new DecksTable(db);
    this.cards = new CardsTable(db);
    this.events = new EventsTable(db);
    this.states = new StateTable(db);
    this.reviews = new ReviewsTable(db);
    this.settings = new SettingsTable(db);
    this.meta = new MetaTable(db);
    this.quarantine = new QuarantineTable(db);
    this.queue = new QueueQueries(db);
    this.stats = new StatsQueries(db);
    this.mock = new MockQueries(db);
    this.browse = new BrowseQueries(db);
  }

  static open(file: string, options?: OpenOptions): Store {
    return new Store(openDatabase(file, options));
  }

  /** Runs `fn` in one transaction: all of its writes commit together or none do. */
  transaction<T>(fn: () => T): T {
    return this.run.immediate(fn) as T;
  }

  /**
   * Empties the derived caches (card states and review facts) and runs `refill` with the
   * review-fact indexes dropped, recreating them after: for rebuilding everything at once.
   * Call inside a transaction.
   */
  clearDerived(refill: () => void): void {
    // The indexes are recreated from their own definitions (the migrations wrote them), so
    // they are defined in one place.
    const indexes = this.db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_cache' AND sql IS NOT NULL",
      )
      .all();
    this.db.exec('DELETE FROM card_state_cache; DELETE FROM review_cache;');
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name}"`);
    refill();
    for (const { sql } of indexes) this.db.exec(sql);
  }

  /**
   * Folds the write-ahead log back into the database file: after a large write, on close, and
   * from time to time in long-running processes. Never inside a transaction.
   */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE' = 'TRUNCATE'): void {
    if (!this.db.inTransaction) this.db.pragma(`wal_checkpoint(${mode})`);
  }

  /** SQLite's own consistency checks; 'ok' lines are dropped. */
  integrityProblems(): string[] {
    const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    const fk = (this.db.pragma('foreign_key_check') as { table: string; rowid: number }[]).map(
      (r) => `foreign key violation in ${r.table} row ${r.rowid}`,
    );
    return [...integrity.filter((l) => l !== 'ok'), ...fk];
  }

  /** A consistent copy of the live database (SQLite online backup). */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  close(): void {
    if (this.db.open) this.checkpoint();
    this.db.close();
  }
}
