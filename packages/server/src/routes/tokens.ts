import { TokenInfoSchema, TokenParamsSchema } from '@grill/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors.js';
import { authOf } from '../http/auth.js';
import type { RouteDeps } from './deps.js';
import { BEARER_AUTH, errorResponses } from './responses.js';

export function tokenRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: "The caller's live tokens (neither revoked nor expired)",
        security: BEARER_AUTH,
        response: { 200: Type.Array(TokenInfoSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const tokens = await deps.store.listTokens(auth.userId, deps.now());
      return tokens.map((t) => ({ ...t, current: t.id === auth.tokenId }));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke one of your tokens (your current one logs you out)',
        security: BEARER_AUTH,
        params: TokenParamsSchema,
        response: { 204: Type.Null({ description: 'Revoked' }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (!(await deps.store.revokeToken(auth.userId, request.params.id, deps.now()))) {
        throw new NotFoundError('no-token', `you have no live token with id ${request.params.id}`);
      }
      return reply.status(204).send();
    },
  );
}
