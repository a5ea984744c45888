import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Accounts } from './accounts.js';
import { requireBearerToken } from './http/auth.js';
import { registerDocs } from './http/docs.js';
import { installErrorHandlers } from './http/error-handler.js';
import { formatValidationErrors } from './http/validation-message.js';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords.js';
import { accountRoutes } from './routes/accounts.js';
import type { RouteDeps } from './routes/deps.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { loginRoutes } from './routes/login.js';
import { tokenRoutes } from './routes/tokens.js';
import type { ServerStore } from './store.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_LOGIN_RATE_LIMIT = Object.freeze({ max: 10, timeWindow: 60_000 });

export interface BuildAppOptions {
  /** The caller owns it: buildApp never closes it. */
  store: ServerStore;
  logger?: FastifyServerOptions['logger'];
  /** Whether POST /v1/accounts may create accounts (otherwise 403). */
  openRegistration?: boolean;
  /** scrypt cost for new password hashes (and for the dummy hash of an unknown user). */
  scryptCost?: ScryptCost;
  /** Login attempts per IP per window (ms or a duration such as '1 minute'). */
  loginRateLimit?: { max: number; timeWindow: number | string };
  /** Largest request body in bytes (413 above). */
  bodyLimit?: number;
  /** The clock, read once per request where a time is stored. */
  now?: () => number;
}

/** The grill-server app, not listening: `server.ts` listens, tests use `inject()` or port 0. */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // No coercion ("5" is not an integer) and no silent stripping of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    schemaErrorFormatter: formatValidationErrors,
  });
  const deps: RouteDeps = {
    store: options.store,
    accounts: new Accounts(options.store, options.scryptCost ?? DEFAULT_SCRYPT_COST, now),
    now,
    openRegistration: options.openRegistration ?? false,
    loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
  };

  // The API speaks JSON only; any other body is a 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app, bodyLimit);
  app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many login attempts from this address; retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
  registerDocs(app);
  app.register(async (open) => {
    healthRoutes(open);
    accountRoutes(open, deps);
    loginRoutes(open, deps);
  });
  app.register(async (authenticated) => {
    requireBearerToken(authenticated, deps.store, now);
    tokenRoutes(authenticated, deps);
    eventRoutes(authenticated, deps);
  });
  return app;
}
