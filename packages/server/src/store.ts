import type { PasswordHash } from './passwords.js';
import type { PulledEvent, WireEvent } from './protocol.js';

/**
 * Everything the server keeps, behind one interface so another backend (PostgreSQL) can
 * replace SQLite. Methods are async for that reason. Every event and token query is scoped
 * by the user id the caller passes, which the routes take only from the authenticated token.
 */
export interface ServerStore {
  /** Creates an account; undefined when the name is taken. */
  createUser(user: NewUser): Promise<UserRecord | undefined>;
  findUserByName(name: string): Promise<UserRecord | undefined>;

  createToken(token: NewToken): Promise<void>;
  /** The live (not revoked) token with this hash, its last use set to `now`; else undefined. */
  useToken(tokenHash: string, now: number): Promise<TokenOwner | undefined>;
  /** The user's live tokens, oldest first. */
  listTokens(userId: number): Promise<TokenRecord[]>;
  /** Revokes one of the user's live tokens; false when there is no such token. */
  revokeToken(userId: number, tokenId: string, now: number): Promise<boolean>;

  /**
   * In one transaction: stores the events the user does not have yet, in order, each with the
   * user's next sequence number; counts identical resends as duplicates. If any id is already
   * stored with different content, stores nothing and reports those ids.
   */
  appendEvents(userId: number, events: readonly WireEvent[]): Promise<AppendResult>;
  /** Up to `limit` of the user's events with seq > `after`, ascending. */
  pullEvents(userId: number, after: number, limit: number): Promise<EventPage>;

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
}

export interface TokenRecord {
  id: string;
  device: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface TokenOwner {
  tokenId: string;
  userId: number;
  username: string;
}

export type AppendResult =
  | { ok: true; accepted: number; duplicates: number }
  | { ok: false; conflicts: string[] };

export interface EventPage {
  events: PulledEvent[];
  /** Whether more events follow the last one returned. */
  more: boolean;
}
