import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const GOOD = '---\nid: good\ntitle: Good\n---\n\n## Q {#q}\n\n### Answer\nA.\n';

describe('grill lint', () => {
  it('passes on the bundled decks', async () => {
    const r = await grill(['lint']);
    expect(r.stdout).toContain('no problems');
    expect(r.status).toBe(0);
  });

  it('prints path:line:col: message for every problem and exits 1', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    writeFileSync(
      path.join(dir, 'sub', 'bad.md'),
      '---\nid: bad\ntitle: Bad\n---\n\n## No id\n\n### Answer\nx\n\n## Q {#q}\nkind: choice\n\n### Options\n- [ ] a\n- [ ] b\n',
    );
    writeFileSync(path.join(dir, 'README.md'), '# not a deck');
    const r = await grill(['lint', dir]);
    expect(r.status).toBe(1);
    const bad = path.join(dir, 'sub', 'bad.md');
    expect(r.stdout).toContain(`${bad}:6:1: card has no id\n  hint:`);
    expect(r.stdout).toContain(`${bad}:14:1: choice card has no correct option`);
    expect(r.stdout).not.toContain('README');
    expect(r.stdout).toContain('2 problems in 1 of 2 files');
  });

  it('reports two files claiming one deck id', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), GOOD);
    writeFileSync(path.join(dir, 'b.md'), GOOD);
    const r = await grill(['lint', '--json', dir]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { file: path.join(dir, 'b.md'), line: 2, code: 'duplicate-deck-id' },
    ]);
  });

  it('--fix writes missing ids and leaves every other byte as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'deck.md');
    const original =
      '---\r\nid: fixme\r\ntitle: Fix me\r\n---\r\n\r\n## What is a JOIN?\r\n\r\n### Answer\r\nCombines rows.\r\n';
    writeFileSync(file, original);
    const r = await grill(['lint', '--fix', file]);
    expect(r.status).toBe(0);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toBe(original.replace('## What is a JOIN?', '## What is a JOIN? {#what-is-a-join}'));
  });

  it('fails with a clear one-line error for a missing path', async () => {
    const r = await grill(['lint', '/no/such/deck.md']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('grill: no such file or folder: /no/such/deck.md\n');
  });

  it('exits 2 on a usage error', async () => {
    const r = await grill(['lint', '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });
});

describe('grill decks', () => {
  it('lists decks with card counts per kind as JSON', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'good.md'), `${GOOD}\n## T {#t}\nkind: typed\n\n### Accept\n- 200\n`);
    const r = await grill(['decks', '--json', dir]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { id: 'good', cards: 2, kinds: { basic: 1, choice: 0, typed: 1, open: 0 } },
    ]);
  });
});
