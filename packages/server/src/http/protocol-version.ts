import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@grill/protocol';
import type { FastifyInstance } from 'fastify';
import { UpgradeRequiredError } from '../errors.js';

/** Every response says which protocol version the server speaks, so a client can tell an old server. */
export function announceProtocolVersion(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
  });
}

/**
 * Makes the routes in this scope require the client's protocol version: a client speaking another
 * version (or none: grill before version 2) gets a 426 saying to upgrade, not a failure deep in a sync.
 */
export function requireProtocolVersion(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (request) => {
    const sent = request.headers[PROTOCOL_HEADER];
    if (sent === String(PROTOCOL_VERSION)) return;
    const theirs = typeof sent === 'string' && /^\d+$/.test(sent) ? Number(sent) : 1;
    throw new UpgradeRequiredError(
      theirs < PROTOCOL_VERSION ? 'upgrade-client' : 'upgrade-server',
      theirs < PROTOCOL_VERSION
        ? `this server speaks grill sync protocol ${PROTOCOL_VERSION} and this grill speaks ${theirs}: upgrade grill`
        : `this grill speaks sync protocol ${theirs}, newer than this server's ${PROTOCOL_VERSION}: upgrade grill-server`,
    );
  });
}
