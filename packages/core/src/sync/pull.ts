import {
  eventProblem,
  formatSkew,
  MAX_CLOCK_AHEAD_MS,
  MAX_PULL_LIMIT,
  msAhead,
  type Problem,
  type PullResponse,
} from '@grill/protocol';
import type { Grill } from '../engine/grill.js';
import { invalidEventLine } from '../engine/quarantine.js';
import type { GrillEvent } from '../scheduler/events.js';
import { ANCHOR, CURSOR, changedDuringSync, pullPage, type SyncTransport } from './pages.js';

/**
 * Events pulled before they are applied, in one transaction. Each commit writes every database
 * page it touched, and the events of one server page touch pages all over the database (their
 * cards' states and facts): applying ten server pages per transaction writes most of those pages
 * once instead of ten times, and reads and writes the state of a card answered several times in
 * the batch once. The transaction holds the write lock for well under a second, and nothing in it
 * waits on the network.
 */
const APPLY_BATCH = 10 * MAX_PULL_LIMIT;

/** What a pull did: events set aside (one line each), events added to the log, cards whose state changed. */
export interface Pulled {
  quarantined: string[];
  added: number;
  updated: Set<string>;
}

/**
 * Pulls every event after this machine's cursor. Each page is checked as a whole (a malformed
 * one ends the pull with a SyncError; the pages before it are kept) and each event on its own:
 * an invalid one is quarantined, never applied, and never blocks the events after it. Pages are
 * applied in batches (APPLY_BATCH), each in one transaction with the cursor that follows it, so
 * the pull can be interrupted at any point and resumed. `stream`: the server's stream id, which
 * must not change meanwhile (a SyncError `stream-changed`).
 */
export async function pullAll(
  grill: Grill,
  transport: SyncTransport,
  stream: string,
  now: number,
): Promise<Pulled> {
  const pulled: Pulled = { quarantined: [], added: 0, updated: new Set() };
  let after = Number(grill.store.meta.get(CURSOR) ?? 0);
  let pending: PullResponse[] = [];
  let count = 0;
  const apply = () => {
    // Pages without events leave the cursor where it is: nothing to write (a sync with nothing new).
    if (pending.some((page) => page.events.length > 0)) applyPages(grill, pending, now, pulled);
    pending = [];
    count = 0;
  };
  try {
    for (;;) {
      const page = await pullPage(transport, after, MAX_PULL_LIMIT);
      if (page.stream !== stream) throw changedDuringSync();
      pending.push(page);
      count += page.events.length;
      after = page.next;
      if (!page.more) break;
      if (count >= APPLY_BATCH) apply();
    }
  } catch (error) {
    // What arrived intact before the failure is kept, as if each page had been applied on arrival.
    apply();
    throw error;
  }
  apply();
  return pulled;
}

/** Applies checked pages, in order, in one transaction: their events, quarantine, cursor and anchor. */
function applyPages(grill: Grill, pages: readonly PullResponse[], now: number, pulled: Pulled): void {
  const { store } = grill;
  store.transaction(() => {
    const valid: GrillEvent[] = [];
    let anchor: string | null = null;
    for (const page of pages) {
      for (const raw of page.events) {
        const problem =
          eventProblem(raw, { pulled: true }) ?? aheadOfServer(raw as GrillEvent, page.serverTime);
        if (problem) {
          const line = invalidEventLine(raw, problem);
          if (store.quarantine.add({ event: keepable(raw), problem: line, origin: 'pulled', at: now }))
            pulled.quarantined.push(line);
          continue;
        }
        const { seq: _seq, ...event } = raw as GrillEvent & { seq: number };
        valid.push(event as GrillEvent);
      }
      const last = page.events.at(-1) as { id?: unknown } | undefined;
      if (last) anchor = String(last.id);
    }
    const before = store.events.lastSeq();
    for (const key of grill.ingest(valid, true)) pulled.updated.add(key);
    pulled.added += store.events.lastSeq() - before;
    store.meta.set(CURSOR, String(pages[pages.length - 1]?.next ?? 0));
    if (anchor !== null) store.meta.set(ANCHOR, anchor);
  });
}

/**
 * An event stamped further ahead of the server's clock than the server accepts (made by a machine
 * whose clock was wrong, let in before the server checked): applied, it would order every later
 * answer to its card after it, and the server would refuse those.
 */
function aheadOfServer(event: GrillEvent, serverTime: number): Problem | null {
  const ahead = msAhead(event, serverTime);
  return ahead > MAX_CLOCK_AHEAD_MS
    ? {
        path: event.type === 'setting' ? '/payload/hlc' : '/at',
        message: `is ${formatSkew(ahead)} ahead of the server's clock`,
      }
    : null;
}

/** Largest quarantined event kept as it came (characters of JSON); a larger one is kept cut. */
const MAX_KEPT = 64 * 1024;

/** An invalid event as JSON text to keep: cut when huge, described when it cannot be serialised. */
function keepable(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw);
  } catch {
    return JSON.stringify({
      unkept: 'too deeply nested to keep',
      seq: (raw as { seq?: unknown } | null)?.seq,
    });
  }
  return text.length > MAX_KEPT ? `${text.slice(0, MAX_KEPT)}…` : text;
}
