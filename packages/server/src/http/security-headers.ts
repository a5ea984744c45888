import type { FastifyInstance } from 'fastify';
import { TooManyAttemptsError } from '../login-throttle.js';

/**
 * Headers on every response: no MIME sniffing anywhere, and nothing under /v1 kept by a cache
 * (login answers carry a token; the rest is one user's data). Refusals say when to retry.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/v1/')) reply.header('cache-control', 'no-store');
  });
  // Fastify's place for a header that goes with an error, before the error handler answers.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyAttemptsError) reply.header('retry-after', String(error.retryAfterSeconds));
  });
}
