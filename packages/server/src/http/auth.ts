import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors.js';
import type { ServerStore, TokenOwner } from '../store.js';
import { hashToken } from '../tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the bearer-token hook on authenticated routes; the only source of the user id. */
    auth: TokenOwner | null;
  }
}

const BEARER = /^Bearer +([A-Za-z0-9_-]{1,256})$/i;

/** Makes every route in this scope require `Authorization: Bearer <token>`. */
export function requireBearerToken(scope: FastifyInstance, store: ServerStore, now: () => number): void {
  scope.decorateRequest('auth', null);
  scope.addHook('onRequest', async (request, reply) => {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedError('no-token', 'missing token: send Authorization: Bearer <token>');
    }
    const hash = hashToken(token);
    const at = now();
    const owner = await store.useToken(hash, at);
    if (!owner) {
      reply.header('www-authenticate', 'Bearer');
      throw (await store.tokenExpired(hash, at))
        ? new UnauthorizedError('token-expired', 'token expired; log in again')
        : new UnauthorizedError('bad-token', 'invalid or revoked token; log in again');
    }
    request.auth = owner;
  });
}

export function authOf(request: FastifyRequest): TokenOwner {
  if (!request.auth) throw new Error(`route ${request.url} is not behind requireBearerToken`);
  return request.auth;
}
