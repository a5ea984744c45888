import { buildApp } from '../app.js';
import { DEFAULT_POOL_MAX } from '../postgres/config.js';
import { describeDb, resolveDb } from './db-path.js';
import { openStore } from './open-store.js';

export interface ServeOptions {
  host: string;
  port: number;
  db?: string;
  /** Most PostgreSQL connections this process opens (ignored for SQLite). */
  dbPool?: number;
  openRegistration: boolean;
  /** Milliseconds (parsed from --token-lifetime DAYS). */
  tokenLifetime?: number;
  /** The proxies' addresses; true (the flag alone) means a proxy on this host. */
  trustProxy?: boolean | string;
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Opens the database and listens until SIGINT/SIGTERM, then stops taking requests, finishes those
 * under way and closes the database (for PostgreSQL: drains its pool) as the app closes.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const target = resolveDb(options.db);
  const store = await openStore(target, { max: options.dbPool });
  const app = buildApp({
    store,
    logger: { level: process.env.LOG_LEVEL || 'info' },
    openRegistration: options.openRegistration,
    tokenLifetimeMs: options.tokenLifetime,
    trustProxy: options.trustProxy ?? false,
  });
  // After the requests under way have finished: buildApp leaves the store to its owner.
  app.addHook('onClose', () => store.close());

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await app.close();
      app.log.info('stopped');
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down');
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    app.log.info(
      {
        db: describeDb(target),
        ...(target.kind === 'postgres' ? { dbPool: options.dbPool ?? DEFAULT_POOL_MAX } : {}),
        openRegistration: options.openRegistration,
        tokenLifetimeMs: options.tokenLifetime ?? null,
        trustProxy: options.trustProxy,
      },
      'database opened',
    );
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await app.close().catch(() => {});
    await store.close();
    throw error;
  }
}
