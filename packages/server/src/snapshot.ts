import type { WireEventType } from '@grill/protocol';
import type { UserRecord } from './store.js';

/** A token row as stored, revoked or not (what a copy between backends carries over). */
export interface StoredToken {
  id: string;
  userId: number;
  tokenHash: string;
  device: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  expiresAt: number | null;
}

/** An event row as stored: its user, its seq and its payload's JSON text. */
export interface StoredEvent {
  userId: number;
  seq: number;
  id: string;
  cardKey: string;
  type: WireEventType;
  at: number;
  deviceId: string;
  payloadJson: string;
}

/**
 * Everything a server database holds that clients depend on, read at one moment: for
 * `grill-server migrate-to-postgres`. `events` is read lazily, ordered by user then seq, and is
 * valid only while the snapshot is (inside `SqliteStore.snapshot`'s callback).
 */
export interface Snapshot {
  identity: string;
  users: UserRecord[];
  tokens: StoredToken[];
  events: Iterable<StoredEvent>;
}

/** How many rows a copy carried over. */
export interface CopyCounts {
  users: number;
  tokens: number;
  events: number;
}
