import {
  ClockAheadResponseSchema,
  ConflictResponseSchema,
  describeProblem,
  eventProblem,
  formatSkew,
  MAX_CLOCK_AHEAD_MS,
  msAhead,
  type PullQuery,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type WireEvent,
} from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import { ClockAheadError, ConflictError, InvalidInputError } from '../errors.js';
import { authOf } from '../http/auth.js';
import { requireProtocolVersion } from '../http/protocol-version.js';
import type { RouteDeps } from './deps.js';
import { pullBody } from './pull-body.js';
import { BEARER_AUTH, errorResponses } from './responses.js';

const INTEGER = /^-?\d+$/;

/** Every event checked as the client checks what it pulls; the first problem is a 400 naming it. */
function checkEvents(events: readonly unknown[], now: number): WireEvent[] {
  for (const [i, event] of events.entries()) {
    const problem = eventProblem(event);
    if (problem) throw new InvalidInputError('invalid-event', describeProblem(`body/events/${i}`, problem));
  }
  const checked = events as WireEvent[];
  for (const [i, event] of checked.entries()) {
    const ahead = msAhead(event, now);
    if (ahead > MAX_CLOCK_AHEAD_MS) {
      throw new ClockAheadError(
        `body/events/${i} is stamped ${formatSkew(ahead)} ahead of the server's clock (at most ${formatSkew(MAX_CLOCK_AHEAD_MS)} is accepted): fix the clock of the machine that made it`,
        now,
        i,
      );
    }
  }
  return checked;
}

export function eventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  requireProtocolVersion(app);

  app.post<{ Body: { events: unknown[] } }>(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Push events: stores new ones, ignores identical resends, refuses the batch on a clash',
        security: BEARER_AUTH,
        body: PushRequestSchema,
        response: {
          200: PushResponseSchema,
          409: ConflictResponseSchema,
          422: ClockAheadResponseSchema,
          ...errorResponses(400, 401, 413, 415, 426),
        },
      },
    },
    async (request) => {
      const events = checkEvents(request.body.events, deps.now());
      const { userId } = authOf(request);
      const result = await deps.store.appendEvents(userId, events);
      if (!result.ok) {
        throw new ConflictError(
          'event-conflict',
          'events with these ids are already stored with different content; nothing from this batch was stored',
          result.conflicts,
        );
      }
      return {
        accepted: result.accepted,
        duplicates: result.duplicates,
        head: result.head,
        headId: result.headId,
        stream: streamId(await deps.store.identity(), userId),
      };
    },
  );

  app.get<{ Querystring: PullQuery }>(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Pull events with seq > after, ascending',
        security: BEARER_AUTH,
        querystring: PullQuerySchema,
        response: { 200: PullResponseSchema, ...errorResponses(400, 401, 426) },
      },
      // Type coercion is off app-wide (a body's "5" must not pass as 5); query strings are text.
      preValidation: async (request) => {
        const query = request.query as Record<string, unknown>;
        for (const key of ['after', 'limit']) {
          const value = query[key];
          if (typeof value === 'string' && INTEGER.test(value)) query[key] = Number(value);
        }
      },
    },
    async (request, reply) => {
      const { after, limit } = request.query;
      const { userId } = authOf(request);
      const page = await deps.store.pullEvents(userId, after, limit);
      const stream = streamId(await deps.store.identity(), userId);
      const next = page.events.at(-1)?.seq ?? after;
      // Already JSON (see pullBody): sent as it is, not through the schema's serializer.
      reply.type('application/json; charset=utf-8');
      return pullBody(page, { next, stream, serverTime: deps.now() });
    },
  );
}

/** The id of one user's event stream on this database. */
function streamId(database: string, userId: number): string {
  return `${database}:${userId}`;
}
