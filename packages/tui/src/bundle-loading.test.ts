import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRILL_BIN } from './test-support/run-grill.js';

const BUNDLE = path.dirname(GRILL_BIN);

/** Every file the bundle loads before running `command` (static imports from the entry and the command's chunk). */
function loadedFor(command: string): string[] {
  const files = readdirSync(BUNDLE);
  const chunk = files.find((f) => f.startsWith(`${command}-`) && f.endsWith('.js'));
  if (!chunk) throw new Error(`no chunk for ${command} in ${BUNDLE}`);
  const seen = new Set<string>();
  const todo = ['cli.js', chunk];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(BUNDLE, file), 'utf8');
    // Static imports only: `import … from "./x.js"` (dynamic `import("./x.js")` loads on demand).
    for (const m of text.matchAll(/(?:^|\n)(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"/g))
      todo.push(m[1] as string);
  }
  return [...seen];
}

function contains(files: string[], library: string): boolean {
  return files.some((f) =>
    readFileSync(path.join(BUNDLE, f), 'utf8').includes(`node_modules/.pnpm/${library}`),
  );
}

describe('what each command loads', () => {
  it.each(['due', 'next', 'review', 'history', 'stats', 'decks', 'cards'])(
    '%s loads neither the terminal UI (Ink, React) nor the sync validators (TypeBox)',
    (command) => {
      const files = loadedFor(command);
      expect(contains(files, 'ink@')).toBe(false);
      expect(contains(files, 'react@')).toBe(false);
      expect(contains(files, '@sinclair+typebox')).toBe(false);
      // Nor the Anki packages' zip, zstd and protobuf code, nor the deck parser.
      for (const library of ['fflate@', 'fzstd@', '@bufbuild+protobuf', 'commonmark@'])
        expect(contains(files, library), library).toBe(false);
    },
  );

  it('sync loads the validators, export-anki the Anki code (so the checks above can fail)', () => {
    expect(contains(loadedFor('sync'), '@sinclair+typebox')).toBe(true);
    expect(contains(loadedFor('run-app'), 'ink@')).toBe(true);
    expect(contains(loadedFor('export-anki'), 'fflate@')).toBe(true);
  });

  it('the HTML-to-markdown converter (turndown and its DOM) is a chunk import-anki loads when it converts', () => {
    const all = readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
    const holding = all.filter((f) => contains([f], 'turndown@'));
    expect(holding.map((f) => f.replace(/-[A-Z0-9]+\.js$/, ''))).toEqual(['to-decks']);
    for (const command of ['import-anki', 'export-anki', 'import', 'due', 'sync'])
      for (const library of ['turndown@', '@mixmark-io+domino@'])
        expect(contains(loadedFor(command), library), `${command}: ${library}`).toBe(false);
  });
});

describe('the code highlighter', () => {
  it('is a file of its own that the drill loads only when it highlights', () => {
    const all = readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
    expect(contains(all, 'highlight.js@')).toBe(false);
    expect(contains(['highlight.cjs'], 'highlight.js@')).toBe(true);
    expect(contains(loadedFor('run-app'), 'ink@')).toBe(true);
  });

  it('knows the languages decks use, and only those', async () => {
    const { createRequire } = await import('node:module');
    const highlighter = createRequire(GRILL_BIN)('./highlight.cjs') as {
      supportsLanguage: (name: string) => boolean;
    };
    expect(['sql', 'ts', 'bash', 'json', 'http'].map(highlighter.supportsLanguage)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(highlighter.supportsLanguage('cobol')).toBe(false);
  });
});
