import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeSetup } from '@grill/core';

/**
 * What the advice for an addon that does not load needs to know of this machine (only read on
 * that error path): this Node's version and default npm prefix, npm's `nodedir` setting as read
 * in `dir` (the install's folder, for a project .npmrc), and where this Node's own headers are.
 */
export function nodeSetup(dir: string): NodeSetup {
  // Official builds and version managers lay out PREFIX/bin/node beside PREFIX/include/node (on
  // Windows, node.exe is in the prefix itself).
  const home = path.dirname(path.dirname(process.execPath));
  const major = Number(process.versions.node.split('.')[0]);
  return {
    version: process.version,
    defaultPrefix: process.platform === 'win32' ? path.dirname(process.execPath) : home,
    nodedir: configuredNodedir(dir),
    ownHeaders: headersMajor(home) === major ? home : null,
  };
}

/** npm's `nodedir` setting, with the Node.js major of the headers it points at; null when unset. */
function configuredNodedir(cwd: string): NodeSetup['nodedir'] {
  // pnpm reads the same .npmrc files; `npm config get` answers in a quarter of a second, pnpm in two.
  const result = spawnSync('npm', ['config', 'get', 'nodedir'], {
    cwd,
    encoding: 'utf8',
    timeout: 10_000,
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const dir = result.status === 0 ? result.stdout.trim() : '';
  if (dir === '' || dir === 'undefined' || dir === 'null') return null;
  return { dir, major: headersMajor(dir) };
}

/** The Node.js major of the headers in `dir`/include/node, or null when there are none. */
function headersMajor(dir: string): number | null {
  try {
    const header = readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    const major = /^#define NODE_MAJOR_VERSION (\d+)$/m.exec(header)?.[1];
    return major === undefined ? null : Number(major);
  } catch {
    return null;
  }
}
