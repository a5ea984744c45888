import type { WireEvent } from '@grill/protocol';
import type { Pool } from 'pg';
import { ServerError } from './errors.js';
import { sameEventContent } from './event-content.js';
import type { ThrottleCounters } from './login-throttle.js';
import { eventsTable, type Numbered } from './postgres/events-table.js';
import { PgThrottleCounters } from './postgres/login-counters-table.js';
import { migrate } from './postgres/migrations.js';
import { connectError, openPool, type PoolOptions, transaction } from './postgres/pool.js';
import { importSnapshot } from './postgres/snapshot-import.js';
import { tokensTable } from './postgres/tokens-table.js';
import { usersTable } from './postgres/users-table.js';
import type { CopyCounts, Snapshot } from './snapshot.js';
import type {
  AppendResult,
  EventPage,
  NewToken,
  NewUser,
  ServerStore,
  TokenOwner,
  TokenRecord,
  UserRecord,
} from './store.js';

/** Thrown inside the append transaction to roll it back. */
class ConflictAbort extends Error {
  constructor(readonly conflicts: string[]) {
    super('conflicting event ids');
  }
}

/**
 * The ServerStore on PostgreSQL, through a pool of connections: several grill-server processes
 * may share one database. Each user's appends are serialised by a lock on the user's row in
 * `event_heads` (see eventsTable), so sequence numbers stay gap-free and commit in order across
 * processes; the login limits' counters live in the database too (`loginCounters`).
 */
export class PgStore implements ServerStore {
  private readonly counters: PgThrottleCounters;
  /** The database's identity, read once (only migrate-to-postgres changes it, into an empty database). */
  private id: string | null = null;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
  ) {
    this.counters = new PgThrottleCounters(pool);
  }

  /**
   * Connects to `url` (postgres://…), applying any pending migrations. Rejects with a ServerError:
   * `db-open` when the database cannot be reached or used, `db-too-new` when a newer grill-server
   * migrated it.
   */
  static async open(url: string, options: PoolOptions = {}): Promise<PgStore> {
    const pool = openPool(url, options);
    try {
      await transaction(pool, (client) => migrate(client, url));
    } catch (error) {
      await pool.end();
      if (error instanceof ServerError) throw error;
      throw connectError(url, error);
    }
    return new PgStore(pool, url);
  }

  async createUser(user: NewUser): Promise<UserRecord | undefined> {
    return transaction(this.pool, async (client) => {
      const created = await usersTable.insert(client, user);
      if (created) await eventsTable.createHead(client, created.id);
      return created;
    });
  }

  async findUserByName(name: string): Promise<UserRecord | undefined> {
    return usersTable.byName(this.pool, name);
  }

  async createToken(token: NewToken, replaces?: string): Promise<void> {
    if (replaces === undefined) return tokensTable.insert(this.pool, token);
    await transaction(this.pool, async (client) => {
      await tokensTable.insert(client, token);
      await tokensTable.revoke(client, token.userId, replaces, token.createdAt);
    });
  }

  async useToken(tokenHash: string, now: number): Promise<TokenOwner | undefined> {
    return tokensTable.use(this.pool, tokenHash, now);
  }

  async tokenExpired(tokenHash: string, now: number): Promise<boolean> {
    return tokensTable.expired(this.pool, tokenHash, now);
  }

  async listTokens(userId: number, now: number): Promise<TokenRecord[]> {
    return tokensTable.list(this.pool, userId, now);
  }

  async revokeToken(userId: number, tokenId: string, now: number): Promise<boolean> {
    return tokensTable.revoke(this.pool, userId, tokenId, now);
  }

  async appendEvents(userId: number, events: readonly WireEvent[]): Promise<AppendResult> {
    try {
      return {
        ok: true,
        ...(await transaction(this.pool, async (client) => {
          // From here to COMMIT no other append of this user's runs, in any process: the ids
          // read next are all the user has, and the seqs taken follow the last committed one.
          let seq = await eventsTable.lockHead(client, userId);
          const known = new Map<string, WireEvent>();
          for (const stored of await eventsTable.byIds(client, userId, [
            ...new Set(events.map((e) => e.id)),
          ])) {
            known.set(stored.id, stored);
          }
          const fresh: Numbered[] = [];
          let duplicates = 0;
          const conflicts = new Set<string>();
          for (const event of events) {
            // Sees this batch's own new events too, so a repeat inside one batch is handled.
            const stored = known.get(event.id);
            if (!stored) {
              fresh.push({ seq: ++seq, event });
              known.set(event.id, event);
            } else if (sameEventContent(stored, event)) {
              duplicates++;
            } else {
              conflicts.add(event.id);
            }
          }
          if (conflicts.size > 0) throw new ConflictAbort([...conflicts]);
          const last = fresh.at(-1);
          if (last) {
            await eventsTable.insert(client, userId, fresh);
            await eventsTable.setHead(client, userId, seq);
          }
          const headId = last ? last.event.id : seq > 0 ? await eventsTable.idAt(client, userId, seq) : null;
          return { accepted: fresh.length, duplicates, head: seq, headId };
        })),
      };
    } catch (error) {
      if (error instanceof ConflictAbort) return { ok: false, conflicts: error.conflicts };
      throw error;
    }
  }

  async pullEvents(userId: number, after: number, limit: number): Promise<EventPage> {
    return eventsTable.page(this.pool, userId, after, limit);
  }

  async identity(): Promise<string> {
    if (this.id) return this.id;
    const { rows } = await this.pool.query<{ value: string }>(
      "SELECT value FROM server_meta WHERE key = 'id'",
    );
    const value = rows[0]?.value;
    if (!value) throw new Error('server_meta has no id');
    this.id = value;
    return value;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  loginCounters(): ThrottleCounters {
    return this.counters;
  }

  /**
   * Copies a snapshot of another database (users, tokens, events with their seqs, the identity)
   * into this one, in one transaction. Rejects with `target-not-empty` when this database
   * already holds users.
   */
  async importSnapshot(snapshot: Snapshot): Promise<CopyCounts> {
    const counts = await transaction(this.pool, (client) => importSnapshot(client, snapshot, this.url));
    this.id = null;
    return counts;
  }

  /** Waits for the connections in use to be given back, then closes them all; again: the same wait. */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}
