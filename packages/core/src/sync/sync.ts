import {
  Checker,
  formatSkew,
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_BATCH,
  MAX_PUSH_BODY_BYTES,
  msAhead,
  type PullResponse,
  type PushResponse,
  PushResponseSchema,
} from '@grill/protocol';
import type { Grill } from '../engine/grill.js';
import { quarantineInvalidEvents } from '../engine/quarantine.js';
import { SyncError } from '../errors.js';
import type { GrillEvent } from '../scheduler/events.js';
import {
  ANCHOR,
  CURSOR,
  changedDuringSync,
  invalidResponse,
  pullPage,
  STREAM,
  type SyncTransport,
} from './pages.js';
import { pullAll } from './pull.js';
import { SYNC_FROM, unsyncedFrom } from './status.js';

export type { SyncTransport } from './pages.js';

export interface SyncResult {
  /** Events new to the server. */
  pushed: number;
  /** Events sent that the server already had (a retry, or a re-send after a reset). */
  resent: number;
  /** Events new to this machine (the server also echoes this device's own). */
  pulled: number;
  /** Cards whose state changed because of pulled events. */
  cardsUpdated: number;
  /** Invalid events set aside in this sync (pulled, or found in this machine's log before pushing). */
  quarantined: string[];
  /** Why this machine re-sent its whole log to the server, when it did (a restored server, say). */
  reset: string | null;
}

/** Meta keys (with those in pages.ts): where this machine stands with the server. */
const FROM = SYNC_FROM;
/**
 * The stream's head after this machine's last push, and the id there: events this machine pushed
 * but has not pulled back yet (a pull that failed after a push) sit at or below it.
 */
const PUSHED_HEAD = 'sync.pushed-head';
const PUSHED_ANCHOR = 'sync.pushed-anchor';

const pushChecker = new Checker(PushResponseSchema);

interface Standing {
  cursor: number;
  stream: string | null;
  anchor: string | null;
}

function standing(grill: Grill): Standing {
  const { meta } = grill.store;
  return {
    cursor: Number(meta.get(CURSOR) ?? 0),
    stream: meta.get(STREAM) ?? null,
    anchor: meta.get(ANCHOR) ?? null,
  };
}

/**
 * Why this machine's idea of the server no longer holds, or null when it does: the server's
 * stream is another one (a fresh database, another account), or it no longer has the event this
 * machine last pulled where it was (restored from an older backup).
 */
function divergence(local: Standing, probe: PullResponse, hasSynced: boolean): string | null {
  if (local.stream === null)
    return local.cursor > 0 || hasSynced ? "this machine had not yet recorded the server's identity" : null;
  if (probe.stream !== local.stream)
    return 'the server (or the account) is not the one this machine synced with';
  if (probe.head < local.cursor)
    return `the server holds ${probe.head} events where this machine had seen ${local.cursor} (restored from an older backup?)`;
  if (local.cursor > 0 && probe.anchor !== local.anchor)
    return "the server's history differs from what this machine saw (restored from a backup?)";
  return null;
}

/** Forgets where this machine stood with the server: the next sync re-sends everything. */
export function resetSyncState(grill: Grill, stream: string | null = null): void {
  const { store } = grill;
  store.transaction(() => {
    store.events.markAllUnsynced();
    store.meta.set(FROM, '0');
    store.meta.set(CURSOR, '0');
    store.meta.delete(ANCHOR);
    store.meta.delete(PUSHED_HEAD);
    store.meta.delete(PUSHED_ANCHOR);
    if (stream === null) store.meta.delete(STREAM);
    else store.meta.set(STREAM, stream);
  });
}

/**
 * One sync, safe to interrupt at any point and to retry:
 * 1. a first page from the cursor tells whether the server is still the one this machine knew
 *    (same stream, and the event last pulled still at the cursor); if not, every local event is
 *    marked unsent and the cursor goes back to 0, so the server and every device converge on the
 *    union (the server ignores identical resends);
 * 2. push every event the server has not acknowledged, in batches; an invalid one in this
 *    machine's own log is quarantined instead of sent (it would be refused forever);
 * 3. pull until caught up (see pullAll): each page is checked as a whole (a malformed one ends
 *    the sync, keeping the pages before it) and each event on its own (an invalid one is
 *    quarantined, never applied, and never blocks the events after it); the cursor moves in the
 *    same transaction as the events.
 */
export async function syncOnce(
  grill: Grill,
  transport: SyncTransport,
  now: number,
  batchSize = MAX_PUSH_BATCH,
): Promise<SyncResult> {
  const { store } = grill;
  const result: SyncResult = {
    pushed: 0,
    resent: 0,
    pulled: 0,
    cardsUpdated: 0,
    quarantined: [],
    reset: null,
  };

  const local = standing(grill);
  const probe = await pullPage(transport, local.cursor, 1);
  const hasSynced = unsyncedFrom(grill) > 0;
  let reason = divergence(local, probe, hasSynced);
  const pushedHead = Number(store.meta.get(PUSHED_HEAD) ?? 0);
  if (!reason && pushedHead > local.cursor) {
    const pushed = await pullPage(transport, pushedHead, 1);
    if (pushed.stream !== probe.stream || pushed.anchor !== (store.meta.get(PUSHED_ANCHOR) ?? null))
      reason = 'the server no longer holds what this machine pushed last (restored from a backup?)';
  }
  if (reason) {
    resetSyncState(grill, probe.stream);
    result.reset = reason;
  } else if (local.stream === null) store.meta.set(STREAM, probe.stream);
  const stream = probe.stream;

  for (;;) {
    const batch = withinBody(store.events.unsynced(unsyncedFrom(grill), batchSize));
    if (batch.length === 0) break;
    const bad = quarantineInvalidEvents(
      grill,
      now,
      batch.map((b) => b.event),
    );
    if (bad.length > 0) {
      result.quarantined.push(...bad);
      continue;
    }
    const events = batch.map((b) => b.event);
    const response = await push(transport, events, now);
    if (response.stream !== stream) throw changedDuringSync();
    store.transaction(() => {
      store.events.markSynced(events.map((e) => e.id));
      // Every event before the batch's last one is now acknowledged.
      store.meta.set(FROM, String((batch[batch.length - 1]?.seq ?? 0) + 1));
      store.meta.set(PUSHED_HEAD, String(response.head));
      if (response.headId === null) store.meta.delete(PUSHED_ANCHOR);
      else store.meta.set(PUSHED_ANCHOR, response.headId);
    });
    result.pushed += response.accepted;
    result.resent += response.duplicates;
  }

  const pulled = await pullAll(grill, transport, stream, now);
  result.quarantined.push(...pulled.quarantined);
  store.meta.set('sync.last', String(now));
  result.pulled = pulled.added;
  result.cardsUpdated = pulled.updated.size;
  return result;
}

/** The first events of `batch` whose push body stays well below what a server accepts (at least one). */
function withinBody<T extends { event: GrillEvent }>(batch: T[]): T[] {
  const budget = MAX_PUSH_BODY_BYTES * 0.75;
  let bytes = 0;
  for (const [i, { event }] of batch.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(event)) + 1;
    if (bytes > budget && i > 0) return batch.slice(0, i);
  }
  return batch;
}

async function push(
  transport: SyncTransport,
  events: readonly GrillEvent[],
  now: number,
): Promise<PushResponse> {
  let response: unknown;
  try {
    response = await transport.push(events);
  } catch (error) {
    if (error instanceof ClockAheadRefusal) throw clockAhead(events, error, now);
    throw error;
  }
  const problem = pushChecker.first(response);
  if (problem) throw invalidResponse(problem);
  const counts = response as PushResponse;
  if (counts.accepted + counts.duplicates !== events.length)
    throw invalidResponse(
      `it acknowledged ${counts.accepted + counts.duplicates} events of the ${events.length} sent`,
    );
  return counts;
}

/**
 * Why the server refused events stamped ahead of its clock, in words: this machine's clock is
 * ahead now, or answers made while it was wait until the server's clock reaches them.
 */
function clockAhead(events: readonly GrillEvent[], refusal: ClockAheadRefusal, now: number): SyncError {
  const skew = now - refusal.serverTime;
  if (skew > MAX_CLOCK_AHEAD_MS)
    return new SyncError(
      'clock-ahead',
      `this machine's clock is ${formatSkew(skew)} ahead of the sync server's — fix it and sync again (your answers are kept here, unsynced)`,
    );
  const ahead = msAhead(events[refusal.index] ?? events[0]!, refusal.serverTime);
  const from = new Date(refusal.serverTime + ahead - MAX_CLOCK_AHEAD_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  return new SyncError(
    'clock-ahead',
    `answers made while this machine's clock was ahead are stamped ${formatSkew(ahead)} ahead of the sync server's clock; they are kept here, unsynced, and the server takes them from ${from} UTC: sync again then`,
  );
}

/** What a transport throws when the server refused events stamped ahead of its clock (422 clock-ahead). */
export class ClockAheadRefusal extends Error {
  constructor(
    readonly serverTime: number,
    readonly index: number,
  ) {
    super('events stamped ahead of the server clock');
  }
}
