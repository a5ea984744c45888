import { v7 as uuidv7 } from 'uuid';
import { nodeCrypto } from '../node-crypto.js';
import type { EventsTable } from '../store/events-table.js';

/** The millisecond timestamp a UUIDv7 carries in its first 48 bits. */
function uuidTime(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** The UUID after `id`: its random tail (last 12 hex digits) plus one. */
function successor(id: string): string {
  const tail = (BigInt(`0x${id.slice(-12)}`) + 1n).toString(16).padStart(12, '0');
  return id.slice(0, -12) + tail;
}

/** Random bytes drawn a few kilobytes at a time: asking the platform for 16 at a time cost each answer tens of µs. */
const pool = new Uint8Array(4096);
let used = pool.length;

/** 16 fresh random bytes for a UUID's random part. */
function randomBytes(): Uint8Array {
  if (used + 16 > pool.length) {
    nodeCrypto().randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * Ids for the events made here: UUIDv7s that replay in the order they were made, even when the
 * clock stands still (as under GRILL_NOW) or another process on the same database takes an id
 * in the same millisecond.
 */
export class EventIds {
  /** The last id made here, remembered after the first look at the log. */
  private last: string | undefined;

  constructor(private readonly events: EventsTable) {}

  /** Forgets the remembered id (events from elsewhere arrived). */
  forget(): void {
    this.last = undefined;
  }

  /**
   * An id for an event at `at` (ms): after `after` when given (the event answers the state that
   * event left), after every event already made in the same millisecond, and not yet stored.
   */
  next(at: number, after: { id: string } | null): string {
    let id = this.make(at, after);
    // Another process on this database (grill review in a second shell) may have taken the id
    // this one would use next in the same millisecond: then continue after everything stored.
    while (this.events.has(id)) {
      this.last = this.events.maxId();
      id = this.make(at, after);
    }
    this.last = id > (this.last ?? '') ? id : this.last;
    return id;
  }

  private make(at: number, after: { id: string } | null): string {
    const id = this.newId(at);
    return after && id <= after.id ? successor(after.id) : id;
  }

  /** A UUIDv7 for `now` that sorts after every event already recorded in the same millisecond. */
  private newId(now: number): string {
    const id = uuidv7({ msecs: now, random: randomBytes() });
    const last = this.last === undefined ? this.events.maxId() : this.last;
    const next = last && id <= last && uuidTime(last) === now ? successor(last) : id;
    this.last = next;
    return next;
  }
}
