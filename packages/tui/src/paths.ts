// Where grill's data and bundled decks live: read from the environment here, at the edge, and
// passed to the engine (which never reads process.env).
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

/** Where grill keeps its data: `$GRILL_HOME`, else the platform data folder. */
export function grillHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRILL_HOME || envPaths('grill', { suffix: '' }).data;
}

/**
 * The decks shipped with grill: `$GRILL_CONTENT`, else the repository's content folder. This
 * module sits at packages/tui/<src|dist|bundle>/<file> however it runs, so the repository root is
 * three levels up.
 */
export function bundledContentDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRILL_CONTENT ?? fileURLToPath(new URL('../../../content', import.meta.url));
}
