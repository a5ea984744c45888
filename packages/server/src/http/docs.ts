import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SERVER_VERSION } from '../version.js';

/**
 * The docs page loads only its own scripts and styles (swagger-ui's page has no inline ones) and
 * talks only to this server. Not swagger-ui's `staticCSP: true` policy: its
 * `upgrade-insecure-requests` breaks the page on a plain-HTTP server, and the validator badge is off.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
].join('; ');

/** The OpenAPI document, built from the route schemas: UI at /docs, JSON at /docs/json. */
export function registerDocs(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'grill-server',
        description: 'Sync server for grill review logs (protocol v1).',
        version: SERVER_VERSION,
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  // The policy goes on every response under /docs (swagger-ui sets it in its own scope).
  app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
}
