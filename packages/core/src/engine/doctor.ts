import { type CardState, foldEvents } from '../scheduler/card-state.js';
import type { ReplayEvent } from '../scheduler/events.js';
import type { Grill } from './grill.js';
import { invalidEvents, quarantineInvalidEvents } from './quarantine.js';
import type { QuarantinedEvent } from './records.js';

export interface DoctorReport {
  integrity: string[];
  /** Events in the log that fail the sync protocol's checks (with --repair: moved to quarantine). */
  invalid: string[];
  /** Invalid events kept aside, never applied (from sync, or moved out of the log by a repair). */
  quarantined: QuarantinedEvent[];
  /** Cards whose cached state differs from a replay of their events. */
  mismatched: string[];
  events: number;
  cards: number;
  repaired: boolean;
}

/**
 * Checks the database: SQLite integrity and foreign keys, every event against the sync protocol's
 * checks, then replays every card's events and compares with the cached state. With `repair`,
 * moves invalid events to quarantine and rebuilds the caches from the review log.
 */
export function doctor(grill: Grill, repair: boolean, now = Date.now()): DoctorReport {
  const { store } = grill;
  const integrity = store.integrityProblems();
  // Invalid events first: a repair moves them out of the log before the replay is checked.
  const invalid = repair
    ? quarantineInvalidEvents(grill, now)
    : invalidEvents(
        (function* () {
          yield* store.events.iterate();
        })(),
      ).map((b) => b.problem);
  const cached = new Map<string, CardState>();
  for (const s of store.states.iterate()) cached.set(s.cardKey, s);
  const mismatched: string[] = [];
  let cards = 0;
  let key: string | null = null;
  let batch: ReplayEvent[] = [];
  const check = () => {
    if (key === null) return;
    cards++;
    const { state } = foldEvents(key, batch, grill.timeline());
    const expected = state.lastEventId === null ? undefined : state;
    if (JSON.stringify(expected) !== JSON.stringify(cached.get(key))) mismatched.push(key);
    cached.delete(key);
  };
  for (const cardKey of store.events.cardKeys()) {
    key = cardKey;
    batch = store.events.replayOf(cardKey);
    check();
  }
  // States with no events behind them at all.
  mismatched.push(...cached.keys());
  let repaired = false;
  if (repair && mismatched.length > 0) {
    store.transaction(() => {
      for (const orphan of cached.keys()) store.states.delete(orphan);
      grill.rebuildAll();
    });
    repaired = true;
  }
  return {
    integrity,
    invalid,
    quarantined: store.quarantine.list(),
    mismatched,
    events: store.events.count(),
    cards,
    repaired: repaired || (repair && invalid.length > 0),
  };
}
