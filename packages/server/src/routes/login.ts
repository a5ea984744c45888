import type { FastifyInstance } from 'fastify';
import { type LoginRequest, LoginRequestSchema, LoginResponseSchema } from '../protocol.js';
import type { RouteDeps } from './deps.js';
import { errorResponses } from './responses.js';

export function loginRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: LoginRequest }>(
    '/v1/login',
    {
      config: { rateLimit: deps.loginRateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Log in: issues a bearer token for this device (shown once)',
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => deps.accounts.login(request.body),
  );
}
