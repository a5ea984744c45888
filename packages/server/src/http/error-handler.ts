import type { FastifyInstance } from 'fastify';
import { ConflictError, httpStatusOf } from '../errors.js';

/** One error handler for the whole app: clear messages for 4xx, nothing internal for 5xx. */
export function installErrorHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error, request, reply) => {
    const status = httpStatusOf(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: 'internal error' });
    }
    return reply.status(status).send(clientErrorBody(error, bodyLimit));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    return reply.status(404).send({ error: `no route for ${request.method} ${path}` });
  });
}

function clientErrorBody(error: unknown, bodyLimit: number): { error: string; conflicts?: string[] } {
  if (error instanceof ConflictError && error.conflicts) {
    return { error: error.message, conflicts: [...error.conflicts] };
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { error: `body is larger than the ${bodyLimit}-byte limit` };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { error: 'body must be JSON (content-type: application/json)' };
  const message = (error as { message?: unknown }).message;
  return { error: typeof message === 'string' && message ? message : 'bad request' };
}
