import { HealthResponseSchema } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import { SERVER_VERSION } from '../version.js';

export function healthRoutes(app: FastifyInstance): void {
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness check (no auth)',
        response: { 200: HealthResponseSchema },
      },
    },
    async () => ({ status: 'ok' as const, version: SERVER_VERSION }),
  );
}
