import type { PulledEvent, WireEvent, WireEventType } from '@grill/protocol';
import { type EventRow, toEvent } from '../rows.js';
import type { ServedEvent } from '../store.js';
import type { Db } from './database.js';

const COLUMNS = 'seq, id, card_key, type, at, device_id, payload';

export class EventsTable {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly lastSeqStmt;
  private readonly afterStmt;
  private readonly idAtStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[number, number, string, string, string, number, string, string]>(
      `INSERT INTO events (user_id, seq, id, card_key, type, at, device_id, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byIdStmt = db.prepare<[number, string], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE user_id = ? AND id = ?`,
    );
    this.lastSeqStmt = db.prepare<[number], { seq: number }>(
      'SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE user_id = ?',
    );
    // Rows as arrays, in COLUMNS order: a pull reads a thousand at a time.
    this.afterStmt = db
      .prepare<[number, number, number], [number, string, string, string, number, string, string]>(
        `SELECT ${COLUMNS} FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    this.idAtStmt = db.prepare<[number, number], { id: string }>(
      'SELECT id FROM events WHERE user_id = ? AND seq = ?',
    );
  }

  /** The id of the user's event with this seq, or null. */
  idAt(userId: number, seq: number): string | null {
    return this.idAtStmt.get(userId, seq)?.id ?? null;
  }

  insert(userId: number, seq: number, e: WireEvent): void {
    // The payload is kept as the client's JSON text (key order included) and returned as such.
    this.insertStmt.run(userId, seq, e.id, e.cardKey, e.type, e.at, e.deviceId, JSON.stringify(e.payload));
  }

  byId(userId: number, id: string): PulledEvent | undefined {
    const row = this.byIdStmt.get(userId, id);
    return row ? toEvent(row) : undefined;
  }

  lastSeq(userId: number): number {
    return this.lastSeqStmt.get(userId)?.seq ?? 0;
  }

  /** Up to `limit` of the user's events with seq > `after`, ascending, payloads as stored (JSON text). */
  after(userId: number, after: number, limit: number): ServedEvent[] {
    return this.afterStmt
      .all(userId, after, limit)
      .map(([seq, id, cardKey, type, at, deviceId, payloadJson]) => ({
        id,
        cardKey,
        type: type as WireEventType,
        at,
        deviceId,
        payloadJson,
        seq,
      }));
  }
}
