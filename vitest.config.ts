import { availableParallelism } from 'node:os';
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
      { find: /^@grill\/core\/anki$/, replacement: src('core/src/anki-api.ts') },
      { find: /^@grill\/protocol$/, replacement: src('protocol/src/index.ts') },
      { find: /^@grill\/protocol\/event-types$/, replacement: src('protocol/src/event-types.ts') },
      { find: /^@grill\/protocol\/settings$/, replacement: src('protocol/src/settings.ts') },
      { find: /^@grill\/protocol\/setting-keys$/, replacement: src('protocol/src/setting-keys.ts') },
      { find: /^@grill\/protocol\/limits$/, replacement: src('protocol/src/limits.ts') },
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
    // One worker more than the cores: many files wait (on a pty, a server, a child process) as
    // much as they compute. vitest's default, one fewer than the cores, is a single worker on a
    // 2-core machine; there 3 workers measured fastest (2: 55 s, 3: 49 s, 4: 50 s, back to back).
    // The pty tests wait for screen text, never a fixed delay, so they stay reliable under load.
    maxWorkers: availableParallelism() + 1,
    // A worker runs its files one after another in the same module cache instead of starting a
    // process and importing core, Ink and Fastify again for each of some 70 files (over half of
    // the run). No test leaves process state behind: the in-process CLI runs restore what they
    // swap (scripts/test-support/in-process.ts).
    isolate: false,
  },
});
