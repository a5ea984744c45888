import type { Grill } from '../engine/grill.js';
import type { GrillEvent } from '../scheduler/events.js';
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH, type PullResponse, type PushResponse } from './protocol.js';

/** What a sync needs from the server; the HTTP client implements it, and so can a test double. */
export interface SyncTransport {
  push(events: readonly GrillEvent[]): Promise<PushResponse>;
  pull(after: number, limit: number): Promise<PullResponse>;
}

export interface SyncResult {
  pushed: number;
  /** Events new to this machine (the server also echoes this device's own). */
  pulled: number;
  /** Cards whose state changed because of pulled events. */
  cardsUpdated: number;
}

const CURSOR = 'sync.cursor';
/** Local seq from which unacknowledged events may exist. */
const FROM = 'sync.from';

function unsyncedFrom(grill: Grill): number {
  return Number(grill.store.meta.get(FROM) ?? 0);
}

/**
 * One sync: push every event the server has not acknowledged, in batches, then pull until
 * caught up, folding pulled events into the local state. Safe to interrupt at any point and to
 * retry: a batch is marked pushed only once the server has stored it (a resend is harmless),
 * and the pull cursor moves in the same transaction as the events it covers.
 */
export async function syncOnce(
  grill: Grill,
  transport: SyncTransport,
  now: number,
  batchSize = MAX_PUSH_BATCH,
): Promise<SyncResult> {
  const { store } = grill;
  let pushed = 0;
  for (;;) {
    const batch = store.events.unsynced(unsyncedFrom(grill), batchSize);
    if (batch.length === 0) break;
    await transport.push(batch.map((b) => b.event));
    store.transaction(() => {
      store.events.markSynced(batch.map((b) => b.event.id));
      // Every event before the batch's last one is now acknowledged.
      store.meta.set(FROM, String((batch[batch.length - 1]?.seq ?? 0) + 1));
    });
    pushed += batch.length;
  }
  const before = store.events.count();
  const updated = new Set<string>();
  for (;;) {
    const after = Number(store.meta.get(CURSOR) ?? 0);
    const page = await transport.pull(after, MAX_PULL_LIMIT);
    store.transaction(() => {
      const events = page.events.map(({ seq: _seq, ...e }) => e as GrillEvent);
      for (const key of grill.ingest(events, true)) updated.add(key);
      store.meta.set(CURSOR, String(page.next));
    });
    if (!page.more) break;
  }
  store.meta.set('sync.last', String(now));
  return { pushed, pulled: store.events.count() - before, cardsUpdated: updated.size };
}

export interface SyncStatus {
  lastSync: number | null;
  unsynced: number;
}

export function syncStatus(grill: Grill): SyncStatus {
  const last = grill.store.meta.get('sync.last');
  return {
    lastSync: last ? Number(last) : null,
    unsynced: grill.store.events.unsyncedCount(unsyncedFrom(grill)),
  };
}
