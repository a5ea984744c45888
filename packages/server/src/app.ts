import { MAX_PUSH_BODY_BYTES } from '@grill/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Accounts } from './accounts.js';
import { requireBearerToken } from './http/auth.js';
import { registerDocs } from './http/docs.js';
import { installErrorHandlers } from './http/error-handler.js';
import { announceProtocolVersion } from './http/protocol-version.js';
import { addSecurityHeaders } from './http/security-headers.js';
import { formatValidationErrors } from './http/validation-message.js';
import {
  type AccountBackoff,
  CountingLoginThrottle,
  DEFAULT_LOGIN_RATE_LIMIT,
  type LoginThrottle,
  type WindowLimit,
} from './login-throttle.js';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords.js';
import { accountRoutes } from './routes/accounts.js';
import type { RouteDeps } from './routes/deps.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { loginRoutes } from './routes/login.js';
import { tokenRoutes } from './routes/tokens.js';
import type { ServerStore } from './store.js';

export const DEFAULT_BODY_LIMIT = MAX_PUSH_BODY_BYTES;
export { DEFAULT_LOGIN_RATE_LIMIT };

export interface BuildAppOptions {
  /** The caller owns it: buildApp never closes it. */
  store: ServerStore;
  logger?: FastifyServerOptions['logger'];
  /** Whether POST /v1/accounts may create accounts (otherwise 403). */
  openRegistration?: boolean;
  /** scrypt cost for new password hashes (and for the dummy hash of an unknown user). */
  scryptCost?: ScryptCost;
  /** Failed logins per source address per window (ms); successful ones do not count. */
  loginRateLimit?: WindowLimit;
  /** Backoff for an account after consecutive failed logins, for the addresses they came from. */
  accountBackoff?: AccountBackoff;
  /** Sign-up attempts per source address per window (ms), when registration is open. */
  registrationRateLimit?: WindowLimit;
  /** Replaces the throttle that counts in the store's `loginCounters()` (configured by the three limits above). */
  loginThrottle?: LoginThrottle;
  /** How long a new token lasts (ms); unset: until revoked. */
  tokenLifetimeMs?: number;
  /**
   * The reverse proxies in front, by address: a comma-separated list of addresses, CIDR ranges or
   * `loopback` / `linklocal` / `uniquelocal` (`true`: `loopback`, a proxy on the same host). The
   * client's address is then the first one, reading X-Forwarded-For from the right, that is not a
   * trusted proxy: entries a client wrote itself are never believed.
   */
  trustProxy?: boolean | string;
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
    trustProxy: options.trustProxy === true ? 'loopback' : options.trustProxy || false,
    // No coercion ("5" is not an integer) and no silent stripping of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    schemaErrorFormatter: formatValidationErrors,
  });
  const throttle =
    options.loginThrottle ??
    new CountingLoginThrottle(options.store.loginCounters(), {
      login: options.loginRateLimit,
      account: options.accountBackoff,
      registration: options.registrationRateLimit,
    });
  const deps: RouteDeps = {
    store: options.store,
    accounts: new Accounts(options.store, {
      scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
      now,
      throttle,
      tokenLifetimeMs: options.tokenLifetimeMs,
    }),
    now,
    openRegistration: options.openRegistration ?? false,
  };

  // The API speaks JSON only; any other body is a 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app, bodyLimit);
  announceProtocolVersion(app);
  addSecurityHeaders(app);
  registerDocs(app);
  app.register(async (open) => {
    healthRoutes(open, deps.store);
    accountRoutes(open, deps);
    loginRoutes(open, deps);
  });
  app.register(async (authenticated) => {
    requireBearerToken(authenticated, deps.store, now);
    tokenRoutes(authenticated, deps);
    // Sync itself needs both ends on one protocol version; its own scope keeps that off /v1/tokens.
    authenticated.register(async (sync) => eventRoutes(sync, deps));
  });
  return app;
}
