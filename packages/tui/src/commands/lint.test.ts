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

describe('grill lint and the tag vocabulary (tags.yml)', () => {
  const deck = (id: string, deckTags: string, cardTags: string) =>
    `---\nid: ${id}\ntitle: T\ntags: [${deckTags}]\n---\n\n## Q {#q}\ntags: ${cardTags}\n\n### Answer\nA.\n\n\`\`\`markdown\n## Example {#ex}\ntags: not-checked\n\`\`\`\n`;
  const VOCABULARY =
    '# groups are for the reader\nlevel:\n  intern: asked of interns\ntopics:\n  http: the protocol\n  database: storing data\n';

  it('warns at file:line:col on a tag the vocabulary does not list, naming the near one; exit 0', async () => {
    const bundled = tempDir();
    writeFileSync(path.join(bundled, 'tags.yml'), VOCABULARY);
    writeFileSync(path.join(bundled, 'web.md'), deck('web', 'http', 'intern, databases, htp'));
    const r = await grill(['lint'], { env: { GRILL_CONTENT: bundled } });
    expect(r.status, r.stdout).toBe(0);
    const file = path.join(bundled, 'web.md');
    expect(r.stdout).toContain(
      `${file}:8:15: warning: tag "databases" is not in the tag vocabulary (${path.join(bundled, 'tags.yml')})\n  hint: did you mean database? use a tag`,
    );
    expect(r.stdout).toContain(`${file}:8:26: warning: tag "htp" is not in the tag vocabulary`);
    expect(r.stdout).toContain('hint: did you mean http?');
    expect(r.stdout).not.toContain('not-checked');
    expect(r.stdout).toMatch(/1 deck, 1 card: 2 warnings\n$/);
    const json = JSON.parse((await grill(['lint', '--json'], { env: { GRILL_CONTENT: bundled } })).stdout);
    expect(json.map((p: { severity: string; code: string }) => [p.severity, p.code])).toEqual([
      ['warning', 'unknown-tag'],
      ['warning', 'unknown-tag'],
    ]);
  });

  it('checks a user folder with its own tags.yml against both; a folder without one not at all', async () => {
    const bundled = tempDir();
    writeFileSync(path.join(bundled, 'tags.yml'), VOCABULARY);
    const mine = tempDir();
    writeFileSync(path.join(mine, 'tags.yml'), 'mine:\n  kubernetes: running containers\n');
    mkdirSync(path.join(mine, 'sub'));
    writeFileSync(path.join(mine, 'sub', 'ops.md'), deck('ops', 'kubernetes', 'intern, http, helm'));
    const r = await grill(['lint', mine], { env: { GRILL_CONTENT: bundled } });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(
      `warning: tag "helm" is not in the tag vocabulary (${path.join(bundled, 'tags.yml')} + ${path.join(mine, 'tags.yml')})`,
    );
    expect(r.stdout).toMatch(/: 1 warning\n$/);
    const free = tempDir();
    writeFileSync(path.join(free, 'any.md'), deck('any', 'whatever', 'intern, helm'));
    expect((await grill(['lint', free], { env: { GRILL_CONTENT: bundled } })).stdout).toBe(
      '1 deck, 1 card: no problems\n',
    );
  });

  it('reports a malformed tags.yml as an error at its line, exit 1', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'tags.yml'),
      'level:\n  intern: asked\n  Bad_Tag: x\n  intern: again\ntopics: http\n',
    );
    writeFileSync(path.join(dir, 'web.md'), deck('web', 'intern', 'intern'));
    const r = await grill(['lint', dir], { env: { GRILL_CONTENT: tempDir() } });
    expect(r.status).toBe(1);
    const file = path.join(dir, 'tags.yml');
    expect(r.stdout).toContain(`${file}:3:3: "Bad_Tag" is not a tag`);
    expect(r.stdout).toContain(`${file}:4:3: tag "intern" is listed twice`);
    expect(r.stdout).toContain(`${file}:5:1: group "topics" holds no tags`);
  });
});

describe('grill lint reads card tags as import does', () => {
  it('takes [a, b] and quoted tags on a card line as the tags inside; warns on tags not written as lowercase-with-hyphens', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'tags.yml'),
      'level:\n  intern: asked of interns\ntopics:\n  status-codes: codes\n  database: data\n',
    );
    writeFileSync(
      path.join(dir, 'web.md'),
      '---\nid: web\ntitle: T\n---\n\n## A {#a}\ntags: [intern, status-codes]\n\n### Answer\nA.\n\n## B {#b}\nTags: "intern", \'databsae\'\n\n### Answer\nB.\n\n## C {#c}\ntags: intern, My Tag\n\n### Answer\nC.\n',
    );
    const r = await grill(['lint', dir], { env: { GRILL_CONTENT: tempDir() } });
    expect(r.status, r.stdout).toBe(0);
    const file = path.join(dir, 'web.md');
    // The bracketed list is two known tags; the quoted misspelling is unknown, swapped letters suggested.
    expect(r.stdout).toContain(`${file}:13:18: warning: tag "databsae" is not in the tag vocabulary`);
    expect(r.stdout).toContain('hint: did you mean database?');
    expect(r.stdout).toContain(`${file}:19:15: warning: tag "My Tag" is not in the tag vocabulary`);
    expect(r.stdout).toMatch(/: 2 warnings\n$/);
    // Without a vocabulary, only the form is checked.
    const free = tempDir();
    writeFileSync(path.join(free, 'web.md'), readFileSync(file, 'utf8'));
    const loose = await grill(['lint', free], { env: { GRILL_CONTENT: tempDir() } });
    expect(loose.stdout).toContain(
      `:19:15: warning: tag "My Tag" is not lowercase words joined by hyphens\n  hint: write it as my-tag`,
    );
    expect(loose.stdout).toMatch(/: 1 warning\n$/);
    // Import reads the same tags: --tag status-codes finds card A.
    const home = tempDir();
    const cards = await grill(['cards', '--tag', 'status-codes', '--json'], {
      home,
      env: { GRILL_CONTENT: free },
    });
    expect(JSON.parse(cards.stdout).map((c: { key: string }) => c.key)).toEqual(['web/a']);
  });
});
