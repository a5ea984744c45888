import type { PulledEvent, WireEvent, WireEventType } from '@grill/protocol';
import { type EventRow, toEvent } from '../rows.js';
import type { EventPage, ServedEvent } from '../store.js';
import type { Queryable } from './pool.js';

/** An event to insert with the seq the append gave it. */
export interface Numbered {
  seq: number;
  event: WireEvent;
}

/**
 * Each user's events, numbered 1, 2, … by `seq`, and `event_heads`: the user's last seq, one row
 * per user that every append locks first. Appends for one user therefore run one after another,
 * each numbering from where the last committed one ended, and commit in seq order: a reader never
 * sees seq N before every seq below N is visible too, which pull cursors rely on.
 */
export const eventsTable = {
  /**
   * Locks the user's head row until the transaction ends (waiting for any other append of the
   * user's to commit first) and returns the user's last seq (0 without events). The row is made
   * on first use; `createUser` makes it with the user.
   */
  async lockHead(q: Queryable, userId: number): Promise<number> {
    const select = 'SELECT seq FROM event_heads WHERE user_id = $1 FOR UPDATE';
    let { rows } = await q.query<{ seq: number }>(select, [userId]);
    if (!rows[0]) {
      await eventsTable.createHead(q, userId);
      ({ rows } = await q.query<{ seq: number }>(select, [userId]));
    }
    return rows[0]?.seq ?? 0;
  },

  /** The head row of a new user (seq 0); nothing when there is one. */
  async createHead(q: Queryable, userId: number): Promise<void> {
    await q.query('INSERT INTO event_heads (user_id, seq) VALUES ($1, 0) ON CONFLICT DO NOTHING', [userId]);
  },

  async setHead(q: Queryable, userId: number, seq: number): Promise<void> {
    await q.query('UPDATE event_heads SET seq = $2 WHERE user_id = $1', [userId, seq]);
  },

  /** The user's stored events among these ids (any order). */
  async byIds(q: Queryable, userId: number, ids: readonly string[]): Promise<PulledEvent[]> {
    const { rows } = await q.query<EventRow>(
      `SELECT seq, id, card_key, type, at, device_id, payload FROM events
       WHERE user_id = $1 AND id = ANY($2::text[])`,
      [userId, ids],
    );
    return rows.map(toEvent);
  },

  /** Inserts the events in one statement; the payload is kept as the client's JSON text. */
  async insert(q: Queryable, userId: number, numbered: readonly Numbered[]): Promise<void> {
    if (numbered.length === 0) return;
    await q.query(
      `INSERT INTO events (user_id, seq, id, card_key, type, at, device_id, payload)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[])`,
      [
        userId,
        numbered.map((n) => n.seq),
        numbered.map((n) => n.event.id),
        numbered.map((n) => n.event.cardKey),
        numbered.map((n) => n.event.type),
        numbered.map((n) => n.event.at),
        numbered.map((n) => n.event.deviceId),
        numbered.map((n) => JSON.stringify(n.event.payload)),
      ],
    );
  },

  /** The id of the user's event with this seq, or null. */
  async idAt(q: Queryable, userId: number, seq: number): Promise<string | null> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM events WHERE user_id = $1 AND seq = $2', [
      userId,
      seq,
    ]);
    return rows[0]?.id ?? null;
  },

  /**
   * Up to `limit` of the user's events with seq > `after`, ascending, with the head and the id at
   * `after`: one statement, so all of it is read from one snapshot.
   */
  async page(q: Queryable, userId: number, after: number, limit: number): Promise<EventPage> {
    // A stored event's columns (null when the page is empty), with the head and anchor on every row.
    const { rows } = await q.query<
      Omit<EventRow, 'seq'> & { head: number; anchor: string | null; seq: number | null }
    >(
      `WITH page AS (
         SELECT seq, id, card_key, type, at, device_id, payload FROM events
         WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
       )
       SELECT COALESCE((SELECT seq FROM event_heads WHERE user_id = $1), 0) AS head,
              (SELECT id FROM events WHERE user_id = $1 AND seq = $2) AS anchor,
              page.*
       FROM (SELECT 1) AS one LEFT JOIN page ON true
       ORDER BY page.seq`,
      [userId, after, limit + 1],
    );
    const events: ServedEvent[] = [];
    for (const r of rows) {
      if (r.seq === null) continue;
      events.push({
        id: r.id,
        cardKey: r.card_key,
        type: r.type as WireEventType,
        at: r.at,
        deviceId: r.device_id,
        payloadJson: r.payload,
        seq: r.seq,
      });
    }
    return {
      events: events.slice(0, limit),
      more: events.length > limit,
      head: rows[0]?.head ?? 0,
      anchor: after > 0 ? (rows[0]?.anchor ?? null) : null,
    };
  },
};
