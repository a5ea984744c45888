/**
 * Node's crypto module, loaded on first use rather than imported: loading it costs a command's
 * start about 10 ms, and most commands (due, next, stats, a sync with nothing new) never need it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
