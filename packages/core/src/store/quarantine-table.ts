import type { QuarantinedEvent } from '../engine/records.js';
import { nodeCrypto } from '../node-crypto.js';
import type { Db } from './database.js';

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
