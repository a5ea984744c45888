import type { WireEvent } from '@grill/protocol';
import { sameEventContent } from './event-content.js';
import { MemoryThrottleCounters, type ThrottleCounters } from './login-throttle.js';
import type { Snapshot } from './snapshot.js';
import { type Db, openDatabase } from './sqlite/database.js';
import { EventsTable } from './sqlite/events-table.js';
import { withSnapshot } from './sqlite/snapshot.js';
import { TokensTable } from './sqlite/tokens-table.js';
import { UsersTable } from './sqlite/users-table.js';
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

/** The ServerStore on one SQLite file (better-sqlite3, synchronous underneath). */
export class SqliteStore implements ServerStore {
  private readonly users: UsersTable;
  private readonly tokens: TokensTable;
  private readonly events: EventsTable;
  private readonly appendTx;
  private readonly issueTx;
  /** The database's identity, read once (it changes only by `grill-server restore`, offline). */
  private id: string | null = null;
  private readonly counters = new MemoryThrottleCounters();

  constructor(private readonly db: Db) {
    this.users = new UsersTable(db);
    this.tokens = new TokensTable(db);
    this.events = new EventsTable(db);
    this.issueTx = db.transaction((token: NewToken, replaces: string | undefined) => {
      this.tokens.insert(token);
      if (replaces !== undefined) this.tokens.revoke(token.userId, replaces, token.createdAt);
    });
    this.appendTx = db.transaction((userId: number, batch: readonly WireEvent[]) => {
      let seq = this.events.lastSeq(userId);
      let accepted = 0;
      let duplicates = 0;
      const conflicts = new Set<string>();
      for (const event of batch) {
        // Sees the rows this batch already inserted, so a repeat inside one batch is handled too.
        const stored = this.events.byId(userId, event.id);
        if (!stored) {
          this.events.insert(userId, ++seq, event);
          accepted++;
        } else if (sameEventContent(stored, event)) {
          duplicates++;
        } else {
          conflicts.add(event.id);
        }
      }
      if (conflicts.size > 0) throw new ConflictAbort([...conflicts]);
      return { accepted, duplicates, head: seq, headId: seq > 0 ? this.events.idAt(userId, seq) : null };
    });
  }

  /** Opens (creating and migrating if needed) the database file; `:memory:` for a throwaway one. */
  static open(file: string): SqliteStore {
    return new SqliteStore(openDatabase(file));
  }

  async createUser(user: NewUser): Promise<UserRecord | undefined> {
    return this.users.insert(user);
  }

  async findUserByName(name: string): Promise<UserRecord | undefined> {
    return this.users.byName(name);
  }

  async createToken(token: NewToken, replaces?: string): Promise<void> {
    this.issueTx(token, replaces);
  }

  async useToken(tokenHash: string, now: number): Promise<TokenOwner | undefined> {
    return this.tokens.use(tokenHash, now);
  }

  async tokenExpired(tokenHash: string, now: number): Promise<boolean> {
    return this.tokens.expired(tokenHash, now);
  }

  async listTokens(userId: number, now: number): Promise<TokenRecord[]> {
    return this.tokens.list(userId, now);
  }

  async revokeToken(userId: number, tokenId: string, now: number): Promise<boolean> {
    return this.tokens.revoke(userId, tokenId, now);
  }

  async appendEvents(userId: number, events: readonly WireEvent[]): Promise<AppendResult> {
    try {
      // IMMEDIATE takes the write lock up front, so two processes cannot hand out the same seq.
      return { ok: true, ...this.appendTx.immediate(userId, events) };
    } catch (error) {
      if (error instanceof ConflictAbort) return { ok: false, conflicts: error.conflicts };
      throw error;
    }
  }

  async pullEvents(userId: number, after: number, limit: number): Promise<EventPage> {
    // One read transaction: the head and the page describe the same moment.
    return this.db.transaction(() => {
      const rows = this.events.after(userId, after, limit + 1);
      return {
        events: rows.slice(0, limit),
        more: rows.length > limit,
        head: this.events.lastSeq(userId),
        anchor: after > 0 ? this.events.idAt(userId, after) : null,
      };
    })();
  }

  async identity(): Promise<string> {
    if (this.id) return this.id;
    const row = this.db
      .prepare<[], { value: string }>("SELECT value FROM server_meta WHERE key = 'id'")
      .get();
    if (!row) throw new Error('server_meta has no id');
    this.id = row.value;
    return row.value;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  loginCounters(): ThrottleCounters {
    return this.counters;
  }

  /** Runs `fn` on a snapshot of everything stored, read in one transaction (see Snapshot). */
  async snapshot<T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    return withSnapshot(this.db, fn);
  }

  /**
   * Copies the database to `file` while it is in use (SQLite's online backup): a consistent
   * snapshot, safe to take while the server serves.
   */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
