import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the packages' sources, never a stale build (the binaries are rebuilt when
    // older than the sources: scripts/test-global-setup.ts).
    alias: [
      { find: /^@grill\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@grill\/core\/parse$/, replacement: src('core/src/parse.ts') },
      { find: /^@grill\/core\/sync$/, replacement: src('core/src/sync-api.ts') },
      { find: /^@grill\/protocol$/, replacement: src('protocol/src/index.ts') },
      { find: /^@grill\/protocol\/event-types$/, replacement: src('protocol/src/event-types.ts') },
      { find: /^@grill\/protocol\/settings$/, replacement: src('protocol/src/settings.ts') },
      { find: /^@grill\/protocol\/setting-keys$/, replacement: src('protocol/src/setting-keys.ts') },
      { find: /^@grill\/server$/, replacement: src('server/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'content/*.test.ts'],
    globalSetup: ['scripts/test-global-setup.ts'],
    // The JSON report is what .ci/run reads to print its `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
