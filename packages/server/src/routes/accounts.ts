import { type AccountRequest, AccountRequestSchema, AccountResponseSchema } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../errors.js';
import type { RouteDeps } from './deps.js';
import { errorResponses } from './responses.js';

export function accountRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: AccountRequest }>(
    '/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Create an account (only when the server runs with --open-registration; limited per address)',
        body: AccountRequestSchema,
        response: { 201: AccountResponseSchema, ...errorResponses(400, 403, 409, 429) },
      },
      // Refuse before reading the body when sign-up is closed.
      onRequest: async () => {
        if (!deps.openRegistration) {
          throw new ForbiddenError(
            'registration-closed',
            'registration is closed on this server; its operator adds accounts with `grill-server user add`',
          );
        }
      },
    },
    async (request, reply) => {
      const user = await deps.accounts.register(request.body.username, request.body.password, request.ip);
      return reply.status(201).send({ username: user.name });
    },
  );
}
