// Bundles the `grill` CLI with esbuild so it starts fast: one ESM entry plus lazily loaded
// chunks (each command, and Ink/React for the drill, load only when used).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
const fromTui = createRequire(new URL('../packages/tui/package.json', import.meta.url));
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

const outdir = fileURLToPath(new URL('../packages/tui/bundle/', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: fileURLToPath(new URL('../packages/tui/dist/cli.js', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and optional dev tooling stay outside the bundle.
  external: ['better-sqlite3', 'node-pty', 'react-devtools-core'],
  banner: {
    js: "import { createRequire as __grillRequire } from 'node:module'; const require = __grillRequire(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [highlightSubset],
});
