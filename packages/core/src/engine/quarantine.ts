import { describeProblem, eventProblem } from '@grill/protocol';
import type { GrillEvent } from '../scheduler/events.js';
import type { Grill } from './grill.js';

/** One line for an invalid event: `event 0193…: payload/rating must be …`. */
export function invalidEventLine(event: unknown, problem: { path: string; message: string }): string {
  const id = (event as { id?: unknown } | null)?.id;
  const name = typeof id === 'string' ? `event ${id.slice(0, 40)}` : 'an event';
  return describeProblem(`${name}: `, { ...problem, path: problem.path.replace(/^\//, '') });
}

/** The events among `events` that fail the protocol's checks, with what is wrong. */
export function invalidEvents(events: Iterable<GrillEvent>): { event: GrillEvent; problem: string }[] {
  const found: { event: GrillEvent; problem: string }[] = [];
  for (const event of events) {
    const problem = eventProblem(event);
    if (problem) found.push({ event, problem: invalidEventLine(event, problem) });
  }
  return found;
}

/**
 * Moves events that fail the protocol's checks out of the review log into quarantine (kept, never
 * applied), then re-derives the settings and the states of the cards they touched. Events like
 * these reached a log through versions of grill and grill-server that did not check what they
 * synced (a setting `retention: "abc"`, say); no valid event is touched. Checks every event
 * when `among` is not given. Returns the problems found.
 */
export function quarantineInvalidEvents(grill: Grill, now: number, among?: readonly GrillEvent[]): string[] {
  const bad = invalidEvents(
    among ??
      (function* () {
        yield* grill.store.events.iterate();
      })(),
  );
  if (bad.length === 0) return [];
  const { store } = grill;
  store.transaction(() => {
    for (const { event, problem } of bad)
      store.quarantine.add({ event: JSON.stringify(event), problem, origin: 'log', at: now });
    store.events.remove(bad.map((b) => b.event.id));
    grill.rebuildSettings();
    const cards = new Set(bad.map((b) => b.event.cardKey));
    if (bad.some((b) => b.event.type === 'setting' || b.event.type === 'reschedule')) grill.rebuildAll();
    else for (const key of cards) grill.rebuild(key);
  });
  return bad.map((b) => b.problem);
}
