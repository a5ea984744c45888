import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deckText, tempDir, writeDeck } from '../test-support/fixtures.js';
import { Grill } from './grill.js';

const CORE_DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const PARSE_DIST = fileURLToPath(new URL('../../dist/parse.js', import.meta.url));

describe('durability', () => {
  it('a process killed mid-session loses no answer it had already returned', async () => {
    const home = tempDir('grill-home-');
    const decks = tempDir('grill-decks-');
    writeDeck(decks, 'd.md', deckText('d', 50));
    const script = path.join(tempDir(), 'answer-forever.mjs');
    // Answers card after card and reports each event id once `answer` has returned.
    writeFileSync(
      script,
      `import { Grill } from ${JSON.stringify(CORE_DIST)};
       import { importPaths } from ${JSON.stringify(PARSE_DIST)};
       const grill = Grill.open(${JSON.stringify(home)});
       importPaths(grill, [${JSON.stringify(decks)}], Date.now());
       let now = Date.now();
       for (let i = 0; ; i++) {
         now += 1000;
         const { event } = grill.answer('d/c' + (1 + (i % 50)), 1 + (i % 4), now, { durationMs: 10 });
         process.stdout.write(event.id + '\\n');
       }`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        acknowledged.push(...lines);
        if (acknowledged.length >= 200 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    const grill = Grill.open(home);
    try {
      const stored = new Set(
        grill.store.db
          .prepare<[], { id: string }>('SELECT id FROM events')
          .all()
          .map((r) => r.id),
      );
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(grill.store.integrityProblems()).toEqual([]);
    } finally {
      grill.close();
    }
  });
});
