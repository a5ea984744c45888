import type { FastifyInstance } from 'fastify';
import { ConflictError, InvalidInputError } from '../errors.js';
import { oversizedPayloadIndex } from '../event-content.js';
import { authOf } from '../http/auth.js';
import {
  ConflictResponseSchema,
  MAX_PAYLOAD_BYTES,
  type PullQuery,
  PullQuerySchema,
  PullResponseSchema,
  type PushRequest,
  PushRequestSchema,
  PushResponseSchema,
} from '../protocol.js';
import type { RouteDeps } from './deps.js';
import { BEARER_AUTH, errorResponses } from './responses.js';

const INTEGER = /^-?\d+$/;

export function eventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: PushRequest }>(
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
          ...errorResponses(400, 401, 413, 415),
        },
      },
    },
    async (request) => {
      const { events } = request.body;
      const big = oversizedPayloadIndex(events);
      if (big >= 0) {
        throw new InvalidInputError(
          'payload-too-large',
          `body/events/${big}/payload must be at most ${MAX_PAYLOAD_BYTES} bytes serialized`,
        );
      }
      const result = await deps.store.appendEvents(authOf(request).userId, events);
      if (!result.ok) {
        throw new ConflictError(
          'event-conflict',
          'events with these ids are already stored with different content; nothing from this batch was stored',
          result.conflicts,
        );
      }
      return { accepted: result.accepted, duplicates: result.duplicates };
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
        response: { 200: PullResponseSchema, ...errorResponses(400, 401) },
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
    async (request) => {
      const { after, limit } = request.query;
      const page = await deps.store.pullEvents(authOf(request).userId, after, limit);
      return { events: page.events, next: page.events.at(-1)?.seq ?? after, more: page.more };
    },
  );
}
