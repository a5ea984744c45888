export { type BuildAppOptions, buildApp, DEFAULT_BODY_LIMIT, DEFAULT_LOGIN_RATE_LIMIT } from './app.js';
export * from './errors.js';
export { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords.js';
export { PgStore } from './pg-store.js';
export { SqliteStore } from './sqlite-store.js';
export type * from './store.js';
