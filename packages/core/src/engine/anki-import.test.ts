import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnkiCollection, AnkiPackageData } from '../anki/model.js';
import { readAnkiPackage } from '../anki/read-package.js';
import { SAMPLE, SAMPLE_NOW, samplePackage } from '../anki/test-support/sample-collection.js';
import { noteCardId } from '../anki/to-decks.js';
import { writeAnkiPackage } from '../anki/write-package.js';
import { deckText, T0, tempDir, writeDeck } from '../test-support/fixtures.js';
import { importAnki } from './anki-import.js';
import { Grill } from './grill.js';
import { importPaths } from './import-paths.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

function home(): Grill {
  const grill = Grill.open(tempDir('grill-anki-home-'));
  open.push(grill);
  return grill;
}

const read = (data: AnkiPackageData) => readAnkiPackage(writeAnkiPackage(data, { now: SAMPLE_NOW }));
const activeKeys = (grill: Grill) =>
  grill
    .decks()
    .flatMap((d) => grill.store.cards.indexOfDeck(d.id).filter((c) => !c.retired))
    .map((c) => c.key)
    .sort();

describe('importAnki', () => {
  let sample: AnkiCollection;
  beforeAll(async () => {
    sample = readAnkiPackage(await samplePackage('latest'));
  });

  it('writes a deck file per Anki deck and the media, imports them, then the answers', async () => {
    const grill = home();
    const dir = path.join(tempDir('grill-anki-out-'), 'sample');
    const result = await importAnki(grill, sample, { dir, packageName: 'sample', withHistory: true }, T0);
    expect(readdirSync(dir).sort()).toEqual(['backend-http.md', 'backend-sql.md', 'media']);
    expect(readdirSync(path.join(dir, 'media'))).toEqual(['seq-scan.png']);
    expect(result).toMatchObject({
      dir,
      notes: 5,
      cards: 8,
      warnings: [],
      media: { copied: ['seq-scan.png'], missing: [] },
      history: { converted: 4, skipped: 2, added: 4 },
    });
    expect(result.decks.map((d) => [d.deckId, d.added, d.notes, d.cards, d.ankiDecks])).toEqual([
      ['backend-http', 3, 2, 3, ['Backend::HTTP']],
      ['backend-sql', 5, 3, 5, ['Backend::SQL']],
    ]);
    expect(grill.eventCount()).toBe(4);
    // Again: the same files, nothing new, no answer twice.
    const again = await importAnki(grill, sample, { dir, packageName: 'sample', withHistory: true }, T0);
    expect(again.decks.map((d) => d.unchanged)).toEqual([3, 5]);
    expect(again.history).toEqual({ converted: 4, skipped: 2, added: 0 });
    expect(grill.eventCount()).toBe(4);
  });

  it('retires the cards of notes an updated package lacks; a deck it no longer has is written empty', async () => {
    const grill = home();
    const dir = tempDir('grill-anki-out-');
    await importAnki(grill, read(SAMPLE), { dir, packageName: 'sample' }, T0);
    const before = activeKeys(grill);
    // Every HTTP note gone, one SQL note gone.
    const httpNotes = new Set(
      SAMPLE.cards.filter((c) => c.deckId !== SAMPLE.decks[3]?.id).map((c) => c.noteId),
    );
    const keep = SAMPLE.notes.filter((n) => !httpNotes.has(n.id)).slice(1);
    const updated = read({
      ...SAMPLE,
      notes: keep,
      cards: SAMPLE.cards.filter((c) => keep.some((n) => n.id === c.noteId)),
      revlog: [],
    });
    const result = await importAnki(grill, updated, { dir, packageName: 'sample' }, T0 + 1000);
    expect(result.decks.map((d) => [d.deckId, d.retired, d.unchanged])).toEqual([
      ['backend-http', 3, 0],
      ['backend-sql', 1, 4],
    ]);
    expect(readFileSync(path.join(dir, 'backend-http.md'), 'utf8')).not.toContain('## ');
    const gone = `backend-sql/${noteCardId(SAMPLE.notes[2]?.guid ?? '')}`;
    expect(gone).toBe(`backend-sql/${noteCardId('aa1$bb2%cc')}`);
    expect(activeKeys(grill)).toEqual(before.filter((k) => k.startsWith('backend-sql/') && k !== gone));
  });

  it('refuses a folder holding deck files of other origin, writing nothing; --force writes beside them', async () => {
    const grill = home();
    const dir = tempDir('grill-anki-out-');
    writeDeck(dir, 'mine.md', deckText('mine', 1));
    await expect(importAnki(grill, sample, { dir, packageName: 'sample' }, T0)).rejects.toThrow(
      `${dir} holds deck files an earlier import of sample did not write (mine.md): nothing written (--force writes beside them)`,
    );
    expect(readdirSync(dir)).toEqual(['mine.md']);
    // Files another package's import wrote are of other origin too.
    await importAnki(grill, sample, { dir, packageName: 'sample', force: true }, T0);
    expect(readdirSync(dir).sort()).toEqual(['backend-http.md', 'backend-sql.md', 'media', 'mine.md']);
    await expect(importAnki(grill, sample, { dir, packageName: 'other' }, T0)).rejects.toThrow(
      /did not write \(backend-http\.md, backend-sql\.md, mine\.md\)/,
    );
  });

  it('does not take over a deck of another file: its Anki namesake gets `-anki`', async () => {
    const grill = home();
    const mine = tempDir('grill-anki-mine-');
    importPaths(grill, [writeDeck(mine, 'sql.md', deckText('backend-sql', 2))], T0);
    const result = await importAnki(
      grill,
      sample,
      { dir: tempDir('grill-anki-out-'), packageName: 'sample' },
      T0,
    );
    expect(result.decks.map((d) => d.deckId)).toEqual(['backend-http', 'backend-sql-anki']);
    expect(grill.deck('backend-sql')?.sourcePath).toBe(path.join(mine, 'sql.md'));
  });

  it('leaves files and database as they were when a step fails (here a media file that cannot be read)', async () => {
    const entries = unzipSync(await samplePackage('latest'));
    const broken = readAnkiPackage(zipSync({ ...entries, '0': new Uint8Array([1, 2, 3]) }));
    const grill = home();
    const parent = tempDir('grill-anki-out-');
    const dir = path.join(parent, 'new');
    await expect(
      importAnki(grill, broken, { dir, packageName: 'sample', withHistory: true }, T0),
    ).rejects.toThrow(/media file "seq-scan\.png"/);
    expect(existsSync(dir)).toBe(false);
    expect([grill.decks(), grill.eventCount()]).toEqual([[], 0]);
    // Over an earlier import: its files come back as they were.
    await importAnki(grill, sample, { dir, packageName: 'sample' }, T0);
    const file = path.join(dir, 'backend-http.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Backend::HTTP', 'Edited'));
    const edited = readFileSync(file, 'utf8');
    await expect(importAnki(grill, broken, { dir, packageName: 'sample' }, T0)).rejects.toThrow(/seq-scan/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(grill.deck('backend-http')?.title).toBe('Backend::HTTP');
  });
});
