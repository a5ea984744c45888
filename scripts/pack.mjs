// `pnpm pack-tools [--out DIR]`: packs `grill` and `grill-server` into self-contained tarballs
// that `npm install -g ./grill-<version>.tgz` installs anywhere. The workspace packages are
// private and depend on each other, so each tarball carries grill's code bundled (esbuild) and
// declares only the published npm packages it loads at run time: native addons (better-sqlite3,
// the FSRS optimizer) for grill, the server's framework for grill-server. Test-only packages
// (node-pty, vitest, …) are never among them, so users build no native module they do not use.
// Run after `pnpm build`; prints the tarballs' paths.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'pack') } } });
const out = path.resolve(values.out);
mkdirSync(out, { recursive: true });

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The version of `name` installed for the workspace package in `dir`, as an exact dependency. */
function installedVersion(dir, name) {
  return readJson(path.join(dir, 'node_modules', name, 'package.json')).version;
}

/** The manifest of a packed tool: the workspace package's identity, `bin` and `dependencies`. */
function manifest(workspacePackage, name, bin, dependencies, files) {
  const { version, description, engines } = workspacePackage;
  return {
    name,
    version,
    description,
    type: 'module',
    license: 'UNLICENSED',
    engines,
    bin,
    files,
    dependencies,
  };
}

function pack(stage) {
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: stage,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  return path.join(out, file);
}

const work = mkdtempSync(path.join(tmpdir(), 'grill-pack-'));
try {
  // grill: the CLI bundle (already built: packages/tui/bundle), the bundled decks, the README.
  const tuiDir = path.join(ROOT, 'packages/tui');
  const tui = readJson(path.join(tuiDir, 'package.json'));
  const grillStage = path.join(work, 'grill');
  cpSync(path.join(tuiDir, 'bundle'), path.join(grillStage, 'bundle'), { recursive: true });
  cpSync(path.join(ROOT, 'content'), path.join(grillStage, 'content'), { recursive: true });
  cpSync(path.join(ROOT, 'README.md'), path.join(grillStage, 'README.md'));
  // What the bundle leaves external (scripts/bundle.mjs) and a user needs: the native addons.
  const grillDeps = Object.fromEntries(
    ['better-sqlite3', '@open-spaced-repetition/binding'].map((n) => [n, installedVersion(tuiDir, n)]),
  );
  writeFileSync(
    path.join(grillStage, 'package.json'),
    `${JSON.stringify(manifest(tui, 'grill', { grill: 'bundle/cli.js' }, grillDeps, ['bundle', 'content', 'README.md']), null, 2)}\n`,
  );

  // grill-server: its built code and @grill/protocol in one file; its npm dependencies declared.
  const serverDir = path.join(ROOT, 'packages/server');
  const server = readJson(path.join(serverDir, 'package.json'));
  const serverStage = path.join(work, 'grill-server');
  const external = Object.keys(server.dependencies).filter((n) => !n.startsWith('@grill/'));
  await build({
    entryPoints: [path.join(serverDir, 'dist/server.js')],
    outfile: path.join(serverStage, 'bundle/server.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __grillRequire } from 'node:module'; const require = __grillRequire(import.meta.url);",
    },
  });
  const serverDeps = Object.fromEntries(external.map((n) => [n, installedVersion(serverDir, n)]));
  const serverManifest = manifest(
    server,
    'grill-server',
    { 'grill-server': 'bundle/server.js' },
    serverDeps,
    ['bundle'],
  );
  writeFileSync(path.join(serverStage, 'package.json'), `${JSON.stringify(serverManifest, null, 2)}\n`);

  for (const stage of [grillStage, serverStage]) console.log(pack(stage));
} finally {
  rmSync(work, { recursive: true, force: true });
}
