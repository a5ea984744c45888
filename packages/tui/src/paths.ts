// Where grill's data and bundled decks live: read from the environment here, at the edge, and
// passed to the engine (which never reads process.env).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

/** Where grill keeps its data: `$GRILL_HOME`, else the platform data folder. */
export function grillHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRILL_HOME || envPaths('grill', { suffix: '' }).data;
}

/**
 * The decks shipped with grill: `$GRILL_CONTENT`; else, installed from the package, its content
 * folder beside the bundle (<package>/bundle/<file> → <package>/content); else the repository's
 * content folder (this module sits at packages/tui/<src|dist|bundle>/<file>: three levels up).
 */
export function bundledContentDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GRILL_CONTENT) return env.GRILL_CONTENT;
  const packaged = fileURLToPath(new URL('../content', import.meta.url));
  return existsSync(packaged) ? packaged : fileURLToPath(new URL('../../../content', import.meta.url));
}
