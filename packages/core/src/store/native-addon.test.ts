import { describe, expect, it } from 'vitest';
import { addonInstall, type NodeSetup, nativeLoadAdvice, nativeLoadFailure } from './native-addon.js';

const CHECKOUT = '/home/ana/grill';
const ADDON = `${CHECKOUT}/node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3/build/Release/better_sqlite3.node`;

/** The loader's error, word for word as Node 20 throws it for a better-sqlite3 built by Node 24. */
function abiError(file = ADDON, builtFor = 137, needs = 115): Error {
  return Object.assign(
    new Error(
      `The module '${file}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION ${builtFor}. This version of Node.js requires\nNODE_MODULE_VERSION ${needs}. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
    ),
    { code: 'ERR_DLOPEN_FAILED' },
  );
}

const NODE20: NodeSetup = { version: 'v20.20.2', defaultPrefix: '/usr', nodedir: null, ownHeaders: '/usr' };

describe('nativeLoadFailure', () => {
  it('reads the addon and both ABI versions from the loader’s message', () => {
    expect(nativeLoadFailure(abiError())).toEqual({ kind: 'abi', file: ADDON, builtFor: 137, needs: 115 });
  });

  it('recognises an addon that was never built (the bindings package’s message)', () => {
    const error = new Error(
      `Could not locate the bindings file. Tried:\n → ${CHECKOUT}/node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3/build/better_sqlite3.node\n → ${CHECKOUT}/node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3/build/Debug/better_sqlite3.node`,
    );
    expect(nativeLoadFailure(error)).toMatchObject({ kind: 'missing' });
    expect(nativeLoadAdvice(nativeLoadFailure(error)!, NODE20)).toBe(
      `better-sqlite3 was never built (its install script did not run, or failed): run \`pnpm rebuild better-sqlite3\` in ${CHECKOUT}`,
    );
  });

  it('recognises any other dlopen failure, keeping dlopen’s reason', () => {
    const error = Object.assign(new Error(`${ADDON}: invalid ELF header`), { code: 'ERR_DLOPEN_FAILED' });
    expect(nativeLoadFailure(error)).toEqual({ kind: 'dlopen', file: ADDON, detail: 'invalid ELF header' });
  });

  it('leaves every other error alone', () => {
    expect(nativeLoadFailure(new Error('database is locked'))).toBeNull();
    expect(nativeLoadFailure(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBeNull();
    expect(nativeLoadFailure('The module')).toBeNull();
  });
});

describe('addonInstall', () => {
  it('tells a pnpm checkout, a global npm install and a project’s npm install apart', () => {
    expect(addonInstall(ADDON)).toEqual({ name: 'better-sqlite3', how: 'pnpm', dir: CHECKOUT });
    expect(
      addonInstall(
        '/usr/lib/node_modules/grill/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ),
    ).toEqual({ name: 'better-sqlite3', how: 'npm-global', dir: '/usr' });
    expect(addonInstall('/srv/app/node_modules/@scope/addon/build/Release/addon.node')).toEqual({
      name: '@scope/addon',
      how: 'npm',
      dir: '/srv/app',
    });
    expect(
      addonInstall(
        'C:\\Users\\ana\\AppData\\Roaming\\npm\\node_modules\\grill\\node_modules\\better-sqlite3\\build\\Release\\better_sqlite3.node',
      ),
    ).toEqual({
      name: 'better-sqlite3',
      how: 'npm',
      dir: 'C:/Users/ana/AppData/Roaming/npm/node_modules/grill',
    });
    expect(addonInstall('/tmp/better_sqlite3.node')).toBeNull();
  });
});

describe('nativeLoadAdvice', () => {
  const abi = nativeLoadFailure(abiError())!;

  it('names both Node versions and the one command to run, in the checkout', () => {
    expect(nativeLoadAdvice(abi, NODE20)).toBe(
      `better-sqlite3 was built for Node.js 24 (NODE_MODULE_VERSION 137), not for this Node.js v20.20.2 (115): run \`pnpm rebuild better-sqlite3\` in ${CHECKOUT}`,
    );
  });

  it('rebuilds a global install with npm, naming the prefix only when it is not this Node’s own', () => {
    const global = nativeLoadFailure(
      abiError(
        '/usr/lib/node_modules/grill/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        115,
        137,
      ),
    )!;
    const node24 = { ...NODE20, version: 'v24.22.3', ownHeaders: null };
    expect(nativeLoadAdvice(global, node24)).toBe(
      'better-sqlite3 was built for Node.js 20 (NODE_MODULE_VERSION 115), not for this Node.js v24.22.3 (137): run `npm rebuild -g better-sqlite3`',
    );
    expect(nativeLoadAdvice(global, { ...node24, defaultPrefix: '/opt/node-24' })).toMatch(
      /run `npm rebuild -g better-sqlite3 --prefix \/usr`$/,
    );
  });

  it('overrides an npm nodedir setting that holds another Node’s headers, which would rebuild the same mismatch', () => {
    const wrong = { dir: '/usr', major: 20 };
    const node24 = { ...NODE20, version: 'v24.22.3', defaultPrefix: '/opt/my node', nodedir: wrong };
    expect(nativeLoadAdvice(abi, { ...node24, ownHeaders: '/opt/my node' })).toMatch(
      /run `npm_config_nodedir='\/opt\/my node' pnpm rebuild better-sqlite3` in \/home\/ana\/grill$/,
    );
    expect(nativeLoadAdvice(abi, { ...node24, ownHeaders: null })).toMatch(
      /run `pnpm rebuild better-sqlite3` in \/home\/ana\/grill, after removing npm's nodedir setting \(\/usr, Node.js 20's headers\)$/,
    );
    // A setting that matches this Node changes nothing.
    expect(nativeLoadAdvice(abi, { ...NODE20, nodedir: wrong })).toMatch(
      /run `pnpm rebuild better-sqlite3` in/,
    );
  });

  it('names an ABI it does not know by its number', () => {
    expect(nativeLoadAdvice(nativeLoadFailure(abiError(ADDON, 999, 115))!, NODE20)).toMatch(
      /^better-sqlite3 was built for another Node.js \(NODE_MODULE_VERSION 999\), not for this/,
    );
  });
});
