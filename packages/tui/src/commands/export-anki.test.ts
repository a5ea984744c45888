// grill export-anki, run as the built binary: the package it writes is read back with core's
// Anki package reader.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type AnkiCollection, ankiGuid, readAnkiPackage } from '@grill/core/anki';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS_DECK, CLOZE_DECK } from '../test-support/deck-fixture.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

function setup() {
  const home = tempDir('grill-home-');
  const content = tempDir('grill-content-');
  writeFileSync(path.join(content, 'kinds.md'), ALL_KINDS_DECK);
  writeFileSync(path.join(content, 'cloze.md'), CLOZE_DECK);
  const out = tempDir('grill-anki-');
  const run = (args: string[], now = NOW) => runGrill(args, { home, now, env: { GRILL_CONTENT: content } });
  return { run, out };
}

const noteTypeOf = (col: AnkiCollection, key: string) => {
  const note = col.notes.find((n) => n.guid === ankiGuid(key));
  return col.noteTypes.find((t) => t.id === note?.noteTypeId)?.name;
};

describe('grill export-anki', () => {
  it('writes every deck as an Anki package the reader reads: decks, notes, note types, guids', () => {
    const { run, out } = setup();
    const file = path.join(out, 'all.apkg');
    const r = run(['export-anki', '--out', file]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'cloze                  2 notes, 3 cards  → Cloze',
        'kinds                  4 notes, 4 cards  → Every kind',
        `wrote ${file}: 2 decks, 6 notes, 7 cards`,
        '',
      ].join('\n'),
    );
    const col = readAnkiPackage(file);
    expect(col).toMatchObject({ version: 'legacy2', collectionFile: 'collection.anki21', schema: 11 });
    expect(col.decks.map((d) => d.name).sort()).toEqual(['Cloze', 'Default', 'Every kind']);
    expect(col.noteTypes.map((t) => t.name).sort()).toEqual(['Basic', 'Basic (type in the answer)', 'Cloze']);
    expect(noteTypeOf(col, 'kinds/basic')).toBe('Basic');
    expect(noteTypeOf(col, 'kinds/choice')).toBe('Basic');
    expect(noteTypeOf(col, 'kinds/typed')).toBe('Basic (type in the answer)');
    expect(noteTypeOf(col, 'kinds/open')).toBe('Basic');
    expect(noteTypeOf(col, 'cloze/idem')).toBe('Cloze');
    expect(noteTypeOf(col, 'cloze/zero')).toBe('Cloze');
    const idem = col.notes.find((n) => n.guid === ankiGuid('cloze/idem'));
    expect(idem?.fields[0]).toContain('{{c1::idempotent::a property}}');
    expect(idem?.fields[0]).toContain('{{c2::<code>PUT</code>}}');
    expect(col.cards.filter((c) => c.noteId === idem?.id).map((c) => c.ord)).toEqual([0, 1]);
    const basic = col.notes.find((n) => n.guid === ankiGuid('kinds/basic'));
    expect(basic?.fields).toEqual([
      'What does idempotent mean?',
      '<p>Doing it <strong>twice</strong> has the same effect as once.</p>\n<p><b>Why it matters:</b> Retries are safe.</p>',
    ]);
    expect(basic?.tags).toEqual(['intern']);
    expect(col.cards.every((c) => c.queue === 0 && c.type === 0)).toBe(true);
    expect(col.revlog).toEqual([]);
  });

  it('writes only the decks named, and says what it wrote in JSON', () => {
    const { run, out } = setup();
    const file = path.join(out, 'kinds.apkg');
    const r = run(['export-anki', 'kinds', '--out', file, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file,
      decks: [{ deckId: 'kinds', name: 'Every kind', notes: 4, cards: 4 }],
      notes: 4,
      cards: 4,
    });
    const col = readAnkiPackage(file);
    expect(col.decks.map((d) => d.name)).toEqual(['Default', 'Every kind']);
    expect(col.notes.map((n) => n.guid).sort()).toEqual(
      ['kinds/basic', 'kinds/choice', 'kinds/typed', 'kinds/open'].map(ankiGuid).sort(),
    );
  });

  it('gives the same notes the same guids and ids in every export, and replaces the file with --force only', () => {
    const { run, out } = setup();
    const file = path.join(out, 'deck.apkg');
    expect(run(['export-anki', '--out', file]).status).toBe(0);
    const first = readFileSync(file);
    expect(run(['export-anki', '--out', file])).toEqual({
      status: 1,
      stdout: '',
      stderr: `grill: ${file} already exists: nothing written (--force overwrites it)\n`,
    });
    // At the same time, byte for byte the same package; later, the same notes.
    expect(run(['export-anki', '--out', file, '--force']).status).toBe(0);
    expect(readFileSync(file)).toEqual(first);
    expect(run(['export-anki', '--out', file, '--force'], '2026-03-09T09:00:00Z').status).toBe(0);
    const ids = (col: AnkiCollection) => col.notes.map((n) => [n.id, n.guid, n.noteTypeId]);
    expect(ids(readAnkiPackage(file))).toEqual(ids(readAnkiPackage(first)));
    expect(readFileSync(file)).not.toEqual(first);
    expect(readdirSync(out)).toEqual(['deck.apkg']);
  });

  it('fails with one line and writes nothing: unknown deck, unwritable path, not a .apkg', () => {
    const { run, out } = setup();
    const file = path.join(out, 'x.apkg');
    expect(run(['export-anki', 'kinds', 'nope', '--out', file])).toEqual({
      status: 1,
      stdout: '',
      stderr: 'grill: unknown deck "nope" (see grill decks)\n',
    });
    const missing = path.join(out, 'no', 'such', 'x.apkg');
    expect(run(['export-anki', '--out', missing])).toEqual({
      status: 1,
      stdout: '',
      stderr: `grill: cannot write ${missing}: no such folder; nothing written\n`,
    });
    const folder = path.join(out, 'folder.apkg');
    mkdirSync(folder);
    expect(run(['export-anki', '--out', folder])).toEqual({
      status: 1,
      stdout: '',
      stderr: `grill: --out ${folder} is a folder: name the file to write\n`,
    });
    expect(run(['export-anki', '--out', path.join(out, 'x.zip')])).toMatchObject({
      status: 1,
      stderr: `grill: --out ${path.join(out, 'x.zip')}: name a .apkg file, the kind Anki imports\n`,
    });
    // No package, no temporary file left behind; the folder in the way untouched.
    expect(readdirSync(out)).toEqual(['folder.apkg']);
    expect(readdirSync(folder)).toEqual([]);
    expect(run(['export-anki'])).toMatchObject({ status: 2 });
  });

  it('explains itself in --help', () => {
    const r = runGrill(['export-anki', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: grill export-anki \[options\] \[decks\.\.\.\]/);
    expect(r.stdout).toContain('--out <file>');
    expect(r.stdout).toContain('cloze cards as Cloze, one note with a card per number');
    expect(r.stdout).toContain(
      'importing a later export into Anki updates the notes instead of adding copies',
    );
  });
});
