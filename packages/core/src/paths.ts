import { fileURLToPath } from 'node:url';

/**
 * The decks shipped with grill. This module sits at packages/<pkg>/dist/<file>.js whether it is
 * compiled or bundled into the CLI, so the repository root is three levels up.
 */
export function bundledContentDir(): string {
  return process.env.GRILL_CONTENT ?? fileURLToPath(new URL('../../../content', import.meta.url));
}
