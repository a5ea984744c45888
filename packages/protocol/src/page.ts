import { Type } from '@sinclair/typebox';
import { PullResponseSchema } from './http.js';
import { MAX_PULL_LIMIT } from './limits.js';
import { Checker, type Problem } from './problems.js';

// The events are checked one by one by the client (a bad one is quarantined, not fatal).
const envelope = new Checker(
  Type.Object({
    ...PullResponseSchema.properties,
    events: Type.Array(Type.Unknown(), { maxItems: MAX_PULL_LIMIT }),
  }),
);

/**
 * What makes a pull response unusable as the answer to `GET /v1/events?after&limit`, or null:
 * fields of the wrong type, more events than asked for, a cursor that goes back or does not
 * match the last event, `more` without progress, events out of order or outside (after, next].
 * An event whose own content is invalid does not make the page invalid (see eventProblem); its
 * `seq` does, since the cursor depends on it.
 */
export function pageProblem(page: unknown, after: number, limit: number): Problem | null {
  const problem = envelope.first(page);
  if (problem) return problem;
  const { events, next, more } = page as { events: unknown[]; next: number; more: boolean };
  if (events.length > limit)
    return { path: '/events', message: `has ${events.length} events, more than the ${limit} asked for` };
  let last = after;
  for (const [i, event] of events.entries()) {
    const seq = (event as { seq?: unknown } | null)?.seq;
    if (!Number.isSafeInteger(seq) || (seq as number) <= last)
      return {
        path: `/events/${i}/seq`,
        message: `must be an integer above ${last} (the events must come in order after ${after})`,
      };
    last = seq as number;
  }
  if (next !== last)
    return {
      path: '/next',
      message: `must be ${last} (the last seq returned, or after when none), not ${next}`,
    };
  if (more && events.length === 0) return { path: '/more', message: 'is true with no events (no progress)' };
  return null;
}
