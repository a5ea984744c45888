import type { Grill } from '../engine/grill.js';

/** Local seq from which unacknowledged events may exist (meta key, shared with sync.ts). */
export const SYNC_FROM = 'sync.from';

/** The first local seq that may hold an event the server has not acknowledged. */
export function unsyncedFrom(grill: Grill): number {
  return Number(grill.store.meta.get(SYNC_FROM) ?? 0);
}

export interface SyncStatus {
  /** The server's sequence number this machine has pulled up to. */
  cursor: number;
  lastSync: number | null;
  unsynced: number;
  /** Invalid events kept aside (see grill doctor). */
  quarantined: number;
}

export function syncStatus(grill: Grill): SyncStatus {
  const last = grill.store.meta.get('sync.last');
  return {
    cursor: Number(grill.store.meta.get('sync.cursor') ?? 0),
    lastSync: last ? Number(last) : null,
    unsynced: grill.store.events.unsyncedCount(unsyncedFrom(grill)),
    quarantined: grill.store.quarantine.count(),
  };
}
