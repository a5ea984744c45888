import type { PulledEvent, WireEvent } from '@grill/protocol';
import type { ThrottleCounters } from './login-throttle.js';
import type { PasswordHash } from './passwords.js';

/**
 * Everything the server keeps, behind one interface with two backends: SQLite (SqliteStore, one
 * file, one process) and PostgreSQL (PgStore, shared by several processes). Methods are async. Every event and token query is scoped
 * by the user id the caller passes, which the routes take only from the authenticated token.
 */
export interface ServerStore {
  /** Creates an account; undefined when the name is taken, whatever its case. */
  createUser(user: NewUser): Promise<UserRecord | undefined>;
  /** The account with this name, matched without case (ASCII). */
  findUserByName(name: string): Promise<UserRecord | undefined>;

  /**
   * In one transaction: stores the token and, when `replaces` names another of the same user's
   * live tokens, revokes that one (another user's token id is ignored).
   */
  createToken(token: NewToken, replaces?: string): Promise<void>;
  /** The live (not revoked, not expired at `now`) token with this hash, its last use set to `now`; else undefined. */
  useToken(tokenHash: string, now: number): Promise<TokenOwner | undefined>;
  /** Whether this hash is of a token that is not revoked but expired at `now` (to say why it is refused). */
  tokenExpired(tokenHash: string, now: number): Promise<boolean>;
  /** The user's live tokens at `now`, oldest first. */
  listTokens(userId: number, now: number): Promise<TokenRecord[]>;
  /** Revokes one of the user's unrevoked tokens; false when there is no such token. */
  revokeToken(userId: number, tokenId: string, now: number): Promise<boolean>;

  /**
   * In one transaction: stores the events the user does not have yet, in order, each with the
   * user's next sequence number; counts identical resends as duplicates. If any id is already
   * stored with different content, stores nothing and reports those ids. A user's appends run
   * one at a time, even from several processes on one database: seqs are 1, 2, 3… without gaps,
   * and no seq becomes visible to a pull before every lower one has.
   */
  appendEvents(userId: number, events: readonly WireEvent[]): Promise<AppendResult>;
  /** Up to `limit` of the user's events with seq > `after`, ascending, with the stream's head and the id at `after`. */
  pullEvents(userId: number, after: number, limit: number): Promise<EventPage>;
  /**
   * This database's identity: made once when the database is created, kept by backups. Clients
   * see it (with the user id) as their stream's id, so a replaced database makes them re-send.
   */
  identity(): Promise<string>;

  /** Resolves when the database answers a trivial query now; rejects when it cannot be reached. */
  ping(): Promise<void>;
  /**
   * Where the login limits count attempts: this process's memory for SQLite (one process owns
   * the file), the database itself for PostgreSQL (so every process sharing it counts together).
   */
  loginCounters(): ThrottleCounters;

  /** Closes the database (PostgreSQL: waits for the connections in use, then closes the pool). */
  close(): Promise<void>;
}

export interface NewUser {
  name: string;
  password: PasswordHash;
  createdAt: number;
}

export interface UserRecord extends NewUser {
  id: number;
}

export interface NewToken {
  id: string;
  userId: number;
  tokenHash: string;
  device: string;
  createdAt: number;
  /** When it stops working; null: never. */
  expiresAt: number | null;
}

export interface TokenRecord {
  id: string;
  device: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

export interface TokenOwner {
  tokenId: string;
  userId: number;
  username: string;
}

export type AppendResult =
  | {
      ok: true;
      accepted: number;
      duplicates: number;
      /** The user's latest seq after the append, and the id of the event there. */
      head: number;
      headId: string | null;
    }
  | { ok: false; conflicts: string[] };

/**
 * A stored event as a pull serves it: the payload is the JSON text it was pushed as (canonical
 * JSON, as the server wrote it when storing), returned as it is rather than parsed and written again.
 */
export type ServedEvent = Omit<PulledEvent, 'payload'> & { payloadJson: string };

export interface EventPage {
  events: ServedEvent[];
  /** Whether more events follow the last one returned. */
  more: boolean;
  /** The user's latest seq (0 without events). */
  head: number;
  /** The id of the user's event at seq = `after`; null for 0 or when there is none. */
  anchor: string | null;
}
