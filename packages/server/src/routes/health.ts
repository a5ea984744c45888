import { type HealthResponse, HealthResponseSchema } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import type { ServerStore } from '../store.js';
import { SERVER_VERSION } from '../version.js';

/**
 * GET /v1/health, for load balancers and monitors: 200 when the database answers, 503 when it
 * does not (a process that cannot reach its database should get no traffic).
 */
export function healthRoutes(app: FastifyInstance, store: ServerStore): void {
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness and database reachability (no auth)',
        response: { 200: HealthResponseSchema, 503: HealthResponseSchema },
      },
    },
    async (request, reply): Promise<HealthResponse> => {
      try {
        await store.ping();
        return { status: 'ok', version: SERVER_VERSION, database: 'ok' };
      } catch (error) {
        request.log.warn({ err: error }, 'health: database unreachable');
        reply.code(503);
        return { status: 'unavailable', version: SERVER_VERSION, database: 'unreachable' };
      }
    },
  );
}
