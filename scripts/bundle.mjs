// Bundles the `grill` CLI with esbuild so it starts fast: one ESM entry plus lazily loaded
// chunks (each command, and Ink/React for the drill, load only when used).
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../packages/tui/bundle/', import.meta.url));
const fromTui = createRequire(new URL('../packages/tui/package.json', import.meta.url));

// The markdown renderer highlights code through cli-highlight, which loads highlight.js with all
// of its ~190 languages (1.5 MB, a tenth of a second to load). The drill needs only the languages
// decks use, so the bundle gets highlight.js's core with those registered.
const LANGUAGES = [
  'bash',
  'dockerfile',
  'go',
  'http',
  'java',
  'javascript',
  'json',
  'lua',
  'markdown',
  'nginx',
  'plaintext',
  'python',
  'sql',
  'typescript',
  'xml',
  'yaml',
];
const fromCliHighlight = createRequire(fromTui.resolve('cli-highlight'));
const hljsDir = path.dirname(fromCliHighlight.resolve('highlight.js/package.json'));
const highlightSubset = {
  name: 'highlight-subset',
  setup(b) {
    b.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: 'highlight-subset', namespace: 'grill' }));
    b.onLoad({ filter: /^highlight-subset$/, namespace: 'grill' }, () => ({
      resolveDir: hljsDir,
      loader: 'js',
      contents: [
        "const hljs = require('./lib/core.js');",
        ...LANGUAGES.map(
          (l) => `hljs.registerLanguage(${JSON.stringify(l)}, require('./lib/languages/${l}.js'));`,
        ),
        'module.exports = hljs;',
      ].join('\n'),
    }));
  },
};

// Even so, cli-highlight with its highlight.js and HTML parser is a third of the drill's code and
// tens of milliseconds to set up before the first frame, for cards that mostly have no code. So it
// is a file of its own, highlight.cjs, and the drill's import of it is a stand-in that reads that
// file (synchronously: rendering is synchronous) on the first call. Under NO_COLOR, or until a
// card with code is shown, it is never read. The stand-in must export every name the sources
// import from cli-highlight; esbuild fails the build if one is missing.
const HIGHLIGHT_FILE = 'highlight.cjs';
const lazyHighlight = {
  name: 'lazy-highlight',
  setup(b) {
    b.onResolve({ filter: /^cli-highlight$/ }, () => ({ path: 'cli-highlight-lazy', namespace: 'grill' }));
    b.onResolve({ filter: new RegExp(`^\\./${HIGHLIGHT_FILE.replace('.', '\\.')}$`) }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /^cli-highlight-lazy$/, namespace: 'grill' }, () => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require('./${HIGHLIGHT_FILE}'));`,
        'export const highlight = (code, options) => load().highlight(code, options);',
        'export const supportsLanguage = (name) => load().supportsLanguage(name);',
      ].join('\n'),
    }));
  },
};

// Ink's layout engine (yoga) reads its WebAssembly from a data: URL through fetch when there is
// one, and Node's fetch loads its whole HTTP client (undici) on first use: tens of milliseconds
// before the drill's first frame, for nothing. In the bundle yoga's loader sees no fetch (a
// module-level `fetch` shadows the global one), so it decodes the same bytes itself.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, async (args) => ({
      loader: 'js',
      contents: `var fetch;\n${await readFile(args.path, 'utf8')}`,
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
};
await Promise.all([
  build({
    ...common,
    entryPoints: { cli: fileURLToPath(new URL('../packages/tui/dist/cli.js', import.meta.url)) },
    outdir,
    splitting: true,
    format: 'esm',
    // Native addons and optional dev tooling stay outside the bundle.
    external: ['better-sqlite3', 'node-pty', 'react-devtools-core', '@open-spaced-repetition/binding'],
    banner: {
      js: "import { createRequire as __grillRequire } from 'node:module'; const require = __grillRequire(import.meta.url);",
    },
    plugins: [lazyHighlight, yogaWithoutFetch],
  }),
  build({
    ...common,
    entryPoints: [fromTui.resolve('cli-highlight')],
    outfile: path.join(outdir, HIGHLIGHT_FILE),
    format: 'cjs',
    plugins: [highlightSubset],
  }),
]);
