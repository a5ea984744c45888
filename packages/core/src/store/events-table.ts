import type { GrillEvent, ReplayEvent } from '../scheduler/events.js';
import type { Db } from './database.js';

interface RawEvent {
  seq: number;
  id: string;
  card_key: string;
  type: string;
  at: number;
  device_id: string;
  payload: string;
}

export function toEvent(r: RawEvent): GrillEvent {
  return {
    id: r.id,
    cardKey: r.card_key,
    type: r.type,
    at: r.at,
    deviceId: r.device_id,
    payload: JSON.parse(r.payload),
  } as GrillEvent;
}

export class EventsTable {
  private readonly insertStmt;
  private readonly forCardStmt;
  private readonly replayStmt;
  private readonly lastUndoableStmt;
  private readonly lastChangeStmt;
  private readonly firstAnswerStmt;
  private readonly settingAtStmt;
  private readonly undoableStmt;
  private readonly countStmt;
  private readonly hasStmt;
  private readonly firstAtStmt;
  private readonly keysStmt;
  private readonly maxIdStmt;
  private readonly lastSeqStmt;
  private readonly unsyncedStmt;
  private readonly unsyncedCountStmt;
  private readonly markSyncedStmt;
  private readonly inEffectStmt;
  private readonly inEffectForCardStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO events (id, card_key, type, at, device_id, payload, target_id, synced, local)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.forCardStmt = db.prepare<[string], RawEvent>(
      'SELECT * FROM events WHERE card_key = ? ORDER BY at, id',
    );
    this.replayStmt = db
      .prepare<[string], [string, string, number, string]>(
        'SELECT id, type, at, payload FROM events WHERE card_key = ? ORDER BY at, id',
      )
      .raw();
    // The newest undoable event made in this database (never one pulled by sync) that no undo
    // has cancelled yet.
    this.settingAtStmt = db.prepare<[string, string, string], { at: number }>(
      `SELECT at FROM events WHERE card_key = ? AND type = 'setting'
         AND json_extract(payload, '$.key') = ? AND json_extract(payload, '$.scope') = ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    );
    this.firstAnswerStmt = db.prepare<[], { at: number | null }>(
      "SELECT min(at) AS at FROM events WHERE type = 'review'",
    );
    this.lastChangeStmt = db.prepare<[], RawEvent>(
      `SELECT * FROM events e WHERE e.local = 1 AND e.type != 'undo'
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target_id = e.id)
       ORDER BY e.seq DESC LIMIT 1`,
    );
    this.lastUndoableStmt = db.prepare<[], RawEvent>(
      `SELECT * FROM events e WHERE e.local = 1 AND e.type IN ('review', 'suspend', 'unsuspend', 'bury')
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target_id = e.id)
       ORDER BY e.seq DESC LIMIT 1`,
    );
    // One event, when it is of an undoable type and no undo has cancelled it yet.
    this.undoableStmt = db.prepare<[string], RawEvent>(
      `SELECT * FROM events e WHERE e.id = ? AND e.type IN ('review', 'suspend', 'unsuspend', 'bury')
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target_id = e.id)`,
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events');
    this.hasStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?');
    this.firstAtStmt = db.prepare<[], { at: number | null }>('SELECT min(at) AS at FROM events');
    this.keysStmt = db.prepare<[], { card_key: string }>(
      "SELECT DISTINCT card_key FROM events WHERE card_key <> '@settings'",
    );
    // Unsynced events are found from a remembered starting seq (not by an index the answer path would pay for).
    this.unsyncedStmt = db.prepare<[number, number], RawEvent>(
      'SELECT * FROM events WHERE seq >= ? AND synced = 0 ORDER BY seq LIMIT ?',
    );
    this.unsyncedCountStmt = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM events WHERE seq >= ? AND synced = 0',
    );
    this.markSyncedStmt = db.prepare('UPDATE events SET synced = 1 WHERE id = ?');
    this.maxIdStmt = db.prepare<[], { id: string | null }>('SELECT max(id) AS id FROM events');
    this.lastSeqStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
    // The derived reviews table holds exactly the answers in effect (undone ones are absent).
    // Answers in effect, from the review log alone: review events no undo targets (undos are
    // never undone). Not from the derived review facts, which are a cache.
    const inEffect =
      "e.type = 'review' AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target_id = e.id AND u.type = 'undo')";
    this.inEffectStmt = db.prepare<[], RawEvent>(
      `SELECT e.* FROM events e WHERE ${inEffect} ORDER BY e.at, e.id`,
    );
    this.inEffectForCardStmt = db.prepare<[string], RawEvent>(
      `SELECT e.* FROM events e WHERE e.card_key = ? AND ${inEffect} ORDER BY e.at, e.id`,
    );
  }

  /** Inserts the event unless one with its id exists; true when it was new. */
  insert(event: GrillEvent, synced = false): boolean {
    const flag = synced ? 1 : 0;
    return (
      this.insertStmt.run(
        event.id,
        event.cardKey,
        event.type,
        event.at,
        event.deviceId,
        JSON.stringify(event.payload),
        event.type === 'undo' ? event.payload.target : null,
        flag,
        // Made here unless it arrived by sync (already acknowledged by the server).
        1 - flag,
      ).changes === 1
    );
  }

  /** The oldest events (from local seq `from` on) the server has not acknowledged, in the order they were recorded. */
  unsynced(from: number, limit: number): { seq: number; event: GrillEvent }[] {
    return this.unsyncedStmt.all(from, limit).map((r) => ({ seq: r.seq, event: toEvent(r) }));
  }

  unsyncedCount(from: number): number {
    return this.unsyncedCountStmt.get(from)?.n ?? 0;
  }

  /** Marks every event unacknowledged: after the server lost events, all are sent again. */
  markAllUnsynced(): void {
    this.db.prepare('UPDATE events SET synced = 0').run();
  }

  /** Every event, in the order recorded here (one row at a time, for checking or exporting them all). */
  *iterate(): IterableIterator<GrillEvent> {
    for (const r of this.db.prepare<[], RawEvent>('SELECT * FROM events ORDER BY seq').iterate())
      yield toEvent(r);
  }

  /** Removes events from the log (only invalid ones are ever removed: see quarantineInvalidEvents). */
  remove(ids: readonly string[]): void {
    const stmt = this.db.prepare('DELETE FROM events WHERE id = ?');
    for (const id of ids) stmt.run(id);
  }

  markSynced(ids: readonly string[]): void {
    for (const id of ids) this.markSyncedStmt.run(id);
  }

  forCard(cardKey: string): GrillEvent[] {
    return this.forCardStmt.all(cardKey).map(toEvent);
  }

  /**
   * A card's events as a replay reads them (see ReplayEvent), in replay order: only the columns
   * a fold needs, as arrays, since a rebuild of every card reads the whole log this way.
   */
  replayOf(cardKey: string): ReplayEvent[] {
    const events: ReplayEvent[] = [];
    for (const [id, type, at, payload] of this.replayStmt.all(cardKey))
      events.push({ id, cardKey, type, at, payload: JSON.parse(payload) } as ReplayEvent);
    return events;
  }

  /** The newest undoable event made in this database, not yet undone. */
  lastUndoable(): GrillEvent | undefined {
    const row = this.lastUndoableStmt.get();
    return row ? toEvent(row) : undefined;
  }

  /** The newest change made in this database that no undo cancelled (any type but undo itself). */
  lastChange(): GrillEvent | undefined {
    const row = this.lastChangeStmt.get();
    return row ? toEvent(row) : undefined;
  }

  /** When setting `key` was last changed in `scope` ('' global), by events filed under `settingsKey`. */
  settingChangedAt(settingsKey: string, key: string, scope: string): number | undefined {
    return this.settingAtStmt.get(settingsKey, key, scope)?.at;
  }

  /** The time of the earliest answer, or undefined when there is none. */
  firstAnswerAt(): number | undefined {
    return this.firstAnswerStmt.get()?.at ?? undefined;
  }

  /** The time of the earliest event, or undefined when there is none. */
  firstAt(): number | undefined {
    return this.firstAtStmt.get()?.at ?? undefined;
  }

  /** Whether an event with this id is stored. */
  has(id: string): boolean {
    return this.hasStmt.get(id) !== undefined;
  }

  /** The event with this id, if it can still be undone (undoable type, not yet cancelled). */
  undoable(id: string): GrillEvent | undefined {
    const row = this.undoableStmt.get(id);
    return row ? toEvent(row) : undefined;
  }

  /** Review events in effect, oldest first. */
  reviewsInEffect(cardKey?: string): Extract<GrillEvent, { type: 'review' }>[] {
    const rows = cardKey === undefined ? this.inEffectStmt.all() : this.inEffectForCardStmt.all(cardKey);
    return rows.map(toEvent) as Extract<GrillEvent, { type: 'review' }>[];
  }

  /** The greatest event id stored (an index lookup). */
  maxId(): string | undefined {
    return this.maxIdStmt.get()?.id ?? undefined;
  }

  /**
   * The seq of the newest event (0 for none), an index lookup: every insert takes the next seq, so
   * the difference across a batch of inserts is how many went in (unlike count(), which scans).
   */
  lastSeq(): number {
    return this.lastSeqStmt.get()?.seq ?? 0;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  cardKeys(): string[] {
    return this.keysStmt.all().map((r) => r.card_key);
  }
}
