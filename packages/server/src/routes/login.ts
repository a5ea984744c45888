import { type LoginRequest, LoginRequestSchema, LoginResponseSchema } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps.js';
import { errorResponses } from './responses.js';

export function loginRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: LoginRequest }>(
    '/v1/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Log in: issues a bearer token for this device (shown once)',
        description:
          'Failed logins are limited per address, and an account that keeps failing backs off ' +
          '(429 with retry-after) for the addresses it failed from.',
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => deps.accounts.login(request.body, request.ip),
  );
}
