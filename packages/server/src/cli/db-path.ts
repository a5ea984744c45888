import path from 'node:path';

/** `--db`, else $GRILL_SERVER_DB, else ./grill-server.db; absolute so logs say where it is. */
export function resolveDbPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(option ?? (env.GRILL_SERVER_DB || './grill-server.db'));
}
