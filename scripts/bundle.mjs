// Bundles the `grill` CLI with esbuild so it starts fast: one ESM entry plus lazily loaded
// chunks (each command, and Ink/React for the drill, load only when used).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../packages/tui/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: new URL('../packages/tui/dist/cli.js', import.meta.url).pathname },
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
});
