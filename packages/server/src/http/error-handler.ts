import type { FastifyInstance } from 'fastify';
import { ClockAheadError, ConflictError, httpStatusOf, ServerError } from '../errors.js';

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

type ErrorBody = { error: string; code?: string } & Record<string, unknown>;

function clientErrorBody(error: unknown, bodyLimit: number): ErrorBody {
  if (error instanceof ConflictError && error.conflicts) {
    return { error: error.message, code: error.code, conflicts: [...error.conflicts] };
  }
  if (error instanceof ClockAheadError) {
    return { error: error.message, code: error.code, serverTime: error.serverTime, index: error.index };
  }
  if (error instanceof ServerError) return { error: error.message, code: error.code };
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { error: `body is larger than the ${bodyLimit}-byte limit`, code: 'body-too-large' };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { error: 'body must be JSON (content-type: application/json)', code: 'not-json' };
  const message = (error as { message?: unknown }).message;
  const text = typeof message === 'string' && message ? message : 'bad request';
  if ((error as { validation?: unknown }).validation) return { error: text, code: 'invalid-request' };
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return { error: text, code: 'not-json' };
  return typeof code === 'string' && /^[a-z][a-z-]*$/.test(code) ? { error: text, code } : { error: text };
}
