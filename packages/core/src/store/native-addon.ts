// A native addon (a compiled `.node` file: better-sqlite3, the SQLite driver) that Node.js cannot
// load, recognised from the loader's error, and the one command that fixes it. Pure: what the
// advice needs to know about this machine is passed in (see NodeSetup).

/**
 * Why an addon did not load: built for another Node.js version (`abi`, after switching Node
 * versions), not loadable here at all (`dlopen`: built for another platform, a damaged file, a
 * missing system library), or never built (`missing`: its install script did not run or failed).
 * `file` is the addon's path as the loader saw it.
 */
export type NativeLoadFailure =
  | { kind: 'abi'; file: string; builtFor: number; needs: number }
  | { kind: 'dlopen'; file: string; detail: string }
  | { kind: 'missing'; file: string };

// Node's message, e.g. "The module '/x/better_sqlite3.node'\nwas compiled against a different
// Node.js version using\nNODE_MODULE_VERSION 137. This version of Node.js requires\nNODE_MODULE_VERSION 115. ..."
const ABI =
  /^The module '(.+?)'\s+was compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)\./;
// The `bindings` package (how better-sqlite3 finds its addon): "Could not locate the bindings
// file. Tried:\n → /x/build/better_sqlite3.node\n → ..."
const NOT_BUILT = /^Could not locate the bindings file\. Tried:\s*\n\s*→ (\S+)/;

/** The failure `error` reports, or null when it is not a native addon failing to load. */
export function nativeLoadFailure(error: unknown): NativeLoadFailure | null {
  if (!(error instanceof Error)) return null;
  const { message } = error;
  const abi = ABI.exec(message);
  if (abi) return { kind: 'abi', file: abi[1] as string, builtFor: Number(abi[2]), needs: Number(abi[3]) };
  const missing = NOT_BUILT.exec(message);
  if (missing) return { kind: 'missing', file: missing[1] as string };
  if ((error as NodeJS.ErrnoException).code !== 'ERR_DLOPEN_FAILED') return null;
  // dlopen's own words: "/x/better_sqlite3.node: invalid ELF header", or "...: cannot open shared
  // object file", or a missing library; the path is the first word up to `.node`.
  const dlopen = /^(.+?\.node): (.+)$/m.exec(message);
  return dlopen
    ? { kind: 'dlopen', file: dlopen[1] as string, detail: dlopen[2] as string }
    : { kind: 'dlopen', file: '', detail: message.split('\n')[0] as string };
}

/**
 * The Node.js major of each NODE_MODULE_VERSION (the ABI of addons that do not use Node-API),
 * as in Node's doc/abi_version_registry.json.
 */
const NODE_MAJOR_OF_ABI: Readonly<Record<number, number>> = {
  108: 18,
  111: 19,
  115: 20,
  120: 21,
  127: 22,
  131: 23,
  137: 24,
  141: 25,
};

/** Where an addon is installed, which decides the command that rebuilds it. */
export interface AddonInstall {
  /** The npm package holding the addon, e.g. `better-sqlite3`. */
  name: string;
  /**
   * `pnpm`: a pnpm install (a grill checkout), rebuilt by `pnpm rebuild NAME` in `dir`;
   * `npm-global`: inside a package installed with `npm install -g`, `dir` is npm's prefix;
   * `npm`: in the node_modules of `dir`, rebuilt by `npm rebuild NAME` there.
   */
  how: 'pnpm' | 'npm-global' | 'npm';
  dir: string;
}

/** Where the addon at `file` is installed, or null when its path is in no node_modules. */
export function addonInstall(file: string): AddonInstall | null {
  const posix = file.replaceAll('\\', '/');
  const at = posix.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [first = '', second = ''] = posix.slice(at + '/node_modules/'.length).split('/');
  const name = first.startsWith('@') ? `${first}/${second}` : first;
  const pnpm = posix.indexOf('/node_modules/.pnpm/');
  if (pnpm >= 0) return { name, how: 'pnpm', dir: posix.slice(0, pnpm) };
  const dir = posix.slice(0, at);
  // npm install -g puts a package in PREFIX/lib/node_modules/NAME (on Windows PREFIX/node_modules/NAME,
  // where `npm rebuild` in the package's folder does the same).
  const global = /^(.*)\/lib\/node_modules\/(?:@[^/]+\/)?[^/]+$/.exec(dir);
  if (global) return { name, how: 'npm-global', dir: global[1] || '/' };
  return { name, how: 'npm', dir };
}

/** What the advice needs to know of this Node.js and of npm's settings. */
export interface NodeSetup {
  /** `process.version`, e.g. `v24.22.3`. */
  version: string;
  /** npm's default global prefix for this Node (the folder above its `bin/node`). */
  defaultPrefix: string;
  /**
   * npm's `nodedir` setting (the Node.js headers native builds compile against, instead of
   * downloading this Node's) and the Node.js major of the headers there (null: none found); null
   * when it is not set.
   */
  nodedir: { dir: string; major: number | null } | null;
  /** A folder holding this Node's own headers (include/node), where one is found. */
  ownHeaders: string | null;
}

/**
 * One line saying what went wrong and exactly what to run, e.g. "better-sqlite3 was built for
 * Node.js 20 (NODE_MODULE_VERSION 115), not for this Node.js v24.22.3 (137): run `pnpm rebuild
 * better-sqlite3` in /home/me/grill".
 */
export function nativeLoadAdvice(failure: NativeLoadFailure, node: NodeSetup): string {
  const install = addonInstall(failure.file);
  const name = install?.name ?? 'a native module';
  const what =
    failure.kind === 'abi'
      ? `${name} was built for ${nodeOfAbi(failure.builtFor)}, not for this Node.js ${node.version} (${failure.needs})`
      : failure.kind === 'missing'
        ? `${name} was never built (its install script did not run, or failed)`
        : `${name} cannot be loaded on this machine (${failure.detail})`;
  if (!install) return `${what}: reinstall grill with the Node.js you run it with`;
  return `${what}: run ${rebuildCommand(install, node)}`;
}

function nodeOfAbi(abi: number): string {
  const major = NODE_MAJOR_OF_ABI[abi];
  return major === undefined
    ? `another Node.js (NODE_MODULE_VERSION ${abi})`
    : `Node.js ${major} (NODE_MODULE_VERSION ${abi})`;
}

/** The command, quoted, and where to run it. */
function rebuildCommand(install: AddonInstall, node: NodeSetup): string {
  const major = Number(/^v?(\d+)/.exec(node.version)?.[1]);
  // A nodedir setting with another Node's headers would build the addon for that Node again.
  const wrongHeaders = node.nodedir !== null && node.nodedir.major !== major;
  const env = wrongHeaders && node.ownHeaders ? `npm_config_nodedir=${shellWord(node.ownHeaders)} ` : '';
  const command =
    install.how === 'pnpm'
      ? `pnpm rebuild ${install.name}`
      : install.how === 'npm-global'
        ? `npm rebuild -g ${install.name}${install.dir === node.defaultPrefix ? '' : ` --prefix ${shellWord(install.dir)}`}`
        : `npm rebuild ${install.name}`;
  const where = install.how === 'npm-global' ? '' : ` in ${install.dir}`;
  const unset =
    wrongHeaders && !env && node.nodedir
      ? `, after removing npm's nodedir setting (${node.nodedir.dir}${node.nodedir.major === null ? '' : `, Node.js ${node.nodedir.major}'s headers`})`
      : '';
  return `\`${env}${command}\`${where}${unset}`;
}

/** `text` as one shell word. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
