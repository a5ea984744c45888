// grill import-anki on packages made by core's Anki test support (every generation), and the round
// trip through grill export-anki: the import of each generation and the packages that cannot be
// read run the built binary, the rest the same command line in this process (see run-grill.ts).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenPackages } from '../../../core/src/anki/test-support/broken-packages.js';
import { SAMPLE, samplePackage } from '../../../core/src/anki/test-support/sample-collection.js';
import { noteCardId } from '../../../core/src/anki/to-decks.js';
import { ALL_KINDS_DECK, CLOZE_DECK } from '../test-support/deck-fixture.js';
import { grill, runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

/** A home and a working folder; `binary` runs the built binary, else the command line in this process. */
function setup(content = tempDir('grill-content-'), binary = false) {
  const home = tempDir('grill-home-');
  const work = tempDir('grill-anki-');
  const run = async (args: string[], now = NOW) => {
    const opts = { home, now, cwd: work, env: { GRILL_CONTENT: content } };
    return binary ? runGrill(args, opts) : grill(args, opts);
  };
  const json = async (args: string[]) => {
    const r = await run([...args, '--json']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  return { home, work, content, run, json };
}

const key = (deck: string, guid: string) => `${deck}/${noteCardId(guid)}`;
const BASIC_KEY = key('backend-http', 'k7#Qp,vX2a');
const STATUS_KEY = key('backend-http', 'Zr4{m]w:8_');
const HAVING_KEY = key('backend-sql', 'aa1$bb2%cc');
const KEYS_KEY = key('backend-sql', 'Q!9~x<=>?@');
const PLAN_KEY = key('backend-sql', 'plan-0001');

describe.each(['legacy1', 'legacy2', 'latest'] as const)('grill import-anki of a %s package', (version) => {
  it('writes the deck files and media into $GRILL_HOME/anki/<name>, imports them: grill cards shows the cards', async () => {
    const { home, work, run, json } = setup(undefined, true);
    writeFileSync(path.join(work, 'backend.apkg'), await samplePackage(version));
    const r = await run(['import-anki', 'backend.apkg']);
    const dir = path.join(home, 'anki', 'backend');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'backend-http           3 added, 0 updated, 0 unchanged, 0 retired',
        'backend-sql            5 added, 0 updated, 0 unchanged, 0 retired',
        `imported backend.apkg: 2 decks, 5 notes, 8 cards (files in ${dir}); media: 1 copied to ${path.join(dir, 'media')}`,
        '',
      ].join('\n'),
    );
    expect(readdirSync(dir).sort()).toEqual(['backend-http.md', 'backend-sql.md', 'media']);
    const cards = (await json(['cards'])) as { key: string; kind: string; title: string; state: string }[];
    expect(cards.map((c) => [c.key, c.kind, c.state])).toEqual([
      [BASIC_KEY, 'basic', 'new'],
      [STATUS_KEY, 'basic', 'new'],
      [`${STATUS_KEY}-r`, 'basic', 'new'],
      [HAVING_KEY, 'typed', 'new'],
      [`${KEYS_KEY}/c1`, 'cloze', 'new'],
      [`${KEYS_KEY}/c2`, 'cloze', 'new'],
      [`${KEYS_KEY}/c3`, 'cloze', 'new'],
      [PLAN_KEY, 'basic', 'new'],
    ]);
    expect(await json(['show', HAVING_KEY])).toMatchObject({ accept: ['HAVING'] });
    expect((await json(['show', PLAN_KEY])).body).toBe('![image: seq-scan.png](media/seq-scan.png)');
    // The placeholder collection newer packages carry is never what is imported.
    expect(cards.some((c) => c.title.includes('newer version of Anki'))).toBe(false);
  });
});

describe('grill import-anki', () => {
  it('--with-history: the answers are in grill history, FSRS goes on from them, optimize counts them', async () => {
    const { work, run, json } = setup();
    writeFileSync(path.join(work, 'sample.apkg'), await samplePackage('latest'));
    const r = await run(['import-anki', 'sample.apkg', '--with-history', '--out', 'decks']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'history: 4 answers converted (4 new), 2 skipped (manual or rescheduled entries, or of cards not imported)\n',
    );
    const history = (await json(['history'])) as {
      card: string;
      rating: number;
      durationMs: number;
      at: string;
      device: string;
    }[];
    expect(history.map((h) => [h.card, h.rating, h.durationMs, h.at, h.device])).toEqual([
      [STATUS_KEY, 3, 6200, new Date(1772300003001).toISOString(), 'anki'],
      [BASIC_KEY, 3, 4100, new Date(1772300003002).toISOString(), 'anki'],
      [HAVING_KEY, 1, 12000, new Date(1772300003003).toISOString(), 'anki'],
      [BASIC_KEY, 4, 3000, new Date(1772300003004).toISOString(), 'anki'],
    ]);
    expect(await json(['show', BASIC_KEY])).toMatchObject({ state: 'review', reps: 2 });
    expect(await json(['optimize', '--dry-run'])).toMatchObject({ reviews: 4, cards: 3, adopted: false });
    // Imported again: no answer twice.
    const again = await json(['import-anki', 'sample.apkg', '--with-history', '--out', 'decks']);
    expect(again.history).toEqual({ converted: 4, skipped: 2, added: 0 });
    expect(await json(['history'])).toHaveLength(4);
  });

  it('an updated package updates the same cards, keeps their history, retires the notes it lacks', async () => {
    const { work, run, json } = setup();
    const file = path.join(work, 'sample.apkg');
    writeFileSync(file, await samplePackage('legacy2'));
    expect((await run(['import-anki', file, '--with-history'])).status).toBe(0);
    const updated = structuredClone(SAMPLE);
    (updated.notes[0] as { fields: string[] }).fields[1] = 'Updated in <b>Anki</b>.';
    updated.notes = updated.notes.filter((n) => n.guid !== 'plan-0001');
    updated.cards = updated.cards.filter((c) => updated.notes.some((n) => n.id === c.noteId));
    writeFileSync(file, await samplePackage('legacy2', updated));
    const r = await run(['import-anki', file, '--with-history']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^backend-http {11}0 added, 1 updated, 2 unchanged, 0 retired\n/);
    expect(r.stdout).toMatch(/\nbackend-sql {12}0 added, 0 updated, 4 unchanged, 1 retired\n/);
    expect(await json(['show', BASIC_KEY])).toMatchObject({ answer: 'Updated in **Anki**.', reps: 2 });
    expect(await json(['history', BASIC_KEY])).toHaveLength(2);
    expect(((await json(['cards'])) as { key: string }[]).map((c) => c.key)).not.toContain(PLAN_KEY);
  });

  it('export-anki then import-anki gives back the same cards: keys, kinds, questions, answers', async () => {
    const content = tempDir('grill-content-');
    writeFileSync(path.join(content, 'kinds.md'), ALL_KINDS_DECK);
    writeFileSync(path.join(content, 'cloze.md'), CLOZE_DECK);
    const { run, json } = setup(content);
    const KEYS = [
      'kinds/basic',
      'kinds/choice',
      'kinds/typed',
      'kinds/open',
      'cloze/idem/c1',
      'cloze/idem/c2',
      'cloze/zero/c1',
    ];
    const card = async (k: string) => {
      const { kind, title, body, options, accept, rubric, answer, why, mistake, tags, typed } = await json([
        'show',
        k,
      ]);
      // A soft line break in a paragraph comes back as a space (HTML has no soft breaks).
      return {
        kind,
        title,
        body: body.replace(/\s+/g, ' '),
        options,
        accept,
        rubric,
        answer,
        why,
        mistake,
        tags,
        typed,
      };
    };
    const before = [];
    for (const k of KEYS) before.push(await card(k));
    expect((await run(['review', 'kinds/basic', '--rating', 'good'])).status).toBe(0);
    expect((await run(['export-anki', '--out', 'all.apkg'])).status).toBe(0);
    const r = await run(['import-anki', 'all.apkg', '--with-history']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('imported all.apkg: 2 decks, 6 notes, 7 cards');
    expect(((await json(['cards'])) as { key: string }[]).map((c) => c.key).sort()).toEqual([...KEYS].sort());
    const after = [];
    for (const k of KEYS) after.push(await card(k));
    // Anki's type-in note holds the first accepted answer alone, and no explanation.
    expect(after[2]).toEqual({ ...before[2], accept: ['409'], answer: '' });
    expect([...after.slice(0, 2), ...after.slice(3)]).toEqual([...before.slice(0, 2), ...before.slice(3)]);
    // The answer given in grill is still the card's.
    expect(await json(['history', 'kinds/basic'])).toHaveLength(1);
  });

  it('a package that cannot be read: one line, and nothing written (no home, no deck files)', async () => {
    const { home, work, run } = setup(undefined, true);
    for (const { name, bytes, says } of await brokenPackages()) {
      writeFileSync(path.join(work, name), bytes);
      const r = await run(['import-anki', name, '--with-history']);
      expect(r.status, name).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^grill: [^\n]+\n$/);
      expect(r.stderr).toContain(`grill: ${name}: `);
      expect(r.stderr).toContain(says);
    }
    expect((await run(['import-anki', 'missing.apkg'])).stderr).toBe('grill: missing.apkg: no such file\n');
    expect(existsSync(home) && readdirSync(home)).toEqual([]);
  }, 120_000); // several runs of the binary: slow on a loaded machine

  it('refuses a folder holding other deck files unless --force; prints JSON; explains itself in --help', async () => {
    const { work, run, json } = setup();
    writeFileSync(path.join(work, 'sample.apkg'), await samplePackage('legacy1'));
    const out = path.join(work, 'decks');
    expect((await run(['import-anki', 'sample.apkg', '--out', out])).status).toBe(0);
    const r = await run(['import-anki', 'sample.apkg', '--out', out, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      dir: out,
      notes: 5,
      cards: 8,
      warnings: [],
      media: { copied: ['seq-scan.png'], missing: [] },
      history: null,
    });
    const refused = await run(['import-anki', 'sample.apkg', '--out', path.join(work, 'decks-2'), '--force']);
    expect(refused.status).toBe(0);
    writeFileSync(path.join(work, 'renamed.apkg'), readFileSync(path.join(work, 'sample.apkg')));
    const other = await run(['import-anki', 'renamed.apkg', '--out', out]);
    expect(other).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `grill: ${out} holds deck files an earlier import of renamed did not write (backend-http.md, backend-sql.md): nothing written (--force writes beside them)\n`,
    });
    expect((await json(['import-anki', 'renamed.apkg', '--out', out, '--force'])).decks).toHaveLength(2);
    const help = await grill(['import-anki', '--help']);
    expect(help.stdout).toMatch(/^Usage: grill import-anki \[options\] <file>/);
    for (const line of [
      '--with-history',
      'Basic (type in the answer)              → typed',
      'Cloze                                   → cloze',
      'anything else                           → basic, from the first two fields (with a warning)',
      'keeps their history',
    ])
      expect(help.stdout).toContain(line);
  });
});
