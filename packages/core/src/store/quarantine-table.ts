import { nodeCrypto } from '../node-crypto.js';
import type { Db } from './database.js';

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

/** Events set aside because they are invalid; each kept once (by content). */
export class QuarantineTable {
  private readonly addStmt;
  private readonly listStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.addStmt = db.prepare(
      `INSERT INTO quarantine (hash, event, problem, origin, at) VALUES (@hash, @event, @problem, @origin, @at)
       ON CONFLICT (hash) DO NOTHING`,
    );
    this.listStmt = db.prepare<[], QuarantinedEvent>(
      'SELECT event, problem, origin, at FROM quarantine ORDER BY at, rowid',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');
  }

  /** Keeps an invalid event; false when the same event is already kept. */
  add(entry: QuarantinedEvent): boolean {
    const hash = nodeCrypto().createHash('sha256').update(entry.event).digest('hex');
    return this.addStmt.run({ hash, ...entry }).changes === 1;
  }

  list(): QuarantinedEvent[] {
    return this.listStmt.all();
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
