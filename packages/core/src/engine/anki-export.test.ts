import { afterEach, describe, expect, it } from 'vitest';
import { ankiGuid } from '../anki/guid.js';
import type { AnkiNote } from '../anki/model.js';
import { readAnkiPackage } from '../anki/read-package.js';
import { writeAnkiPackage } from '../anki/write-package.js';
import { NotFoundError } from '../errors.js';
import { grillWith, T0, writeDeck } from '../test-support/fixtures.js';
import { ankiExport } from './anki-export.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';

const HTTP = `---
id: http
title: Backend::HTTP
description: Methods & status codes.
tags: [http]
---

## What does *idempotent* mean? {#idempotent}
tags: intern

For \`PUT\`, say.

### Answer
Doing it **twice** has the effect of doing it once:
- retries are safe
- \`POST\` makes no such promise

### Why it matters
Clients retry after a timeout.

## Which methods are idempotent? {#methods}
kind: choice

### Options
- [x] \`PUT\`
- [ ] \`POST\`
- [x] \`DELETE\`

### Answer
\`PUT\` and \`DELETE\`.

## Which status code means Conflict? {#conflict}
kind: typed
tags: status codes

### Accept
- 409
- 409 Conflict

### Answer
\`409 Conflict\`: the resource changed under you.

## The API returns 500 after a deploy. What do you check? {#after-deploy}
kind: open

### Rubric
- The logs first
- The config the release expects

### Answer
A missing setting in production.

### Common mistake
Guessing before reading the logs.
`;

const SQL = `---
id: sql
title: SQL
---

## Keys {#keys}
kind: cloze

A {{c1::primary key::constraint}} names each row; a {{c2::foreign key}} points at a {{c1::primary key}}.
In code: \`{{c3::NOT NULL}}\`, and a literal \\{{c9::x}} stays text.

### Answer
Both are constraints.
`;

let open: Grill[] = [];
afterEach(() => {
  for (const g of open) g.close();
  open = [];
});
function setup(decks: Record<string, string> = { 'http.md': HTTP, 'sql.md': SQL }) {
  const env = grillWith(decks);
  open.push(env.grill);
  return env;
}

const noteOf = (notes: readonly AnkiNote[], key: string) => notes.find((n) => n.guid === ankiGuid(key));

describe('ankiExport', () => {
  it('makes one Anki deck per grill deck, named by its title, beside Anki’s Default', async () => {
    const { grill } = setup();
    const { data, decks } = await ankiExport(grill);
    expect(decks).toEqual([
      { deckId: 'http', name: 'Backend::HTTP', notes: 4, cards: 4 },
      { deckId: 'sql', name: 'SQL', notes: 1, cards: 3 },
    ]);
    expect(data.decks.map((d) => [d.name, d.filtered, d.description])).toEqual([
      ['Default', false, ''],
      ['Backend::HTTP', false, 'Methods &amp; status codes.'],
      ['SQL', false, ''],
      // The parent a nested name needs.
      ['Backend', false, ''],
    ]);
    expect(data.decks[0]?.id).toBe(1);
  });

  it('maps each kind to a standard note type, with HTML fields from the markdown', async () => {
    const { grill } = setup();
    const { data } = await ankiExport(grill);
    const type = (note: AnkiNote | undefined) => data.noteTypes.find((t) => t.id === note?.noteTypeId)?.name;

    const basic = noteOf(data.notes, 'http/idempotent');
    expect(type(basic)).toBe('Basic');
    expect(basic?.fields).toEqual([
      'What does <em>idempotent</em> mean?\n<p>For <code>PUT</code>, say.</p>',
      '<p>Doing it <strong>twice</strong> has the effect of doing it once:</p>\n<ul>\n<li>retries are safe</li>\n<li><code>POST</code> makes no such promise</li>\n</ul>\n<p><b>Why it matters:</b> Clients retry after a timeout.</p>',
    ]);
    expect(basic?.tags).toEqual(['http', 'intern']);

    const choice = noteOf(data.notes, 'http/methods');
    expect(type(choice)).toBe('Basic');
    expect(choice?.fields[0]).toBe(
      'Which methods are idempotent?\n<ol>\n<li><code>PUT</code></li>\n<li><code>POST</code></li>\n<li><code>DELETE</code></li>\n</ol>\n<p><i>Choose every correct option.</i></p>',
    );
    expect(choice?.fields[1]).toBe(
      '<p><b>Correct:</b></p>\n<ul>\n<li><code>PUT</code></li>\n<li><code>DELETE</code></li>\n</ul>\n<p><code>PUT</code> and <code>DELETE</code>.</p>',
    );

    // Anki checks what is typed against the whole Back field: the first accepted answer.
    const typed = noteOf(data.notes, 'http/conflict');
    expect(type(typed)).toBe('Basic (type in the answer)');
    expect(typed?.fields).toEqual(['Which status code means Conflict?', '409']);
    expect(typed?.tags).toEqual(['http', 'status_codes']);

    const open = noteOf(data.notes, 'http/after-deploy');
    expect(type(open)).toBe('Basic');
    expect(open?.fields[1]).toBe(
      '<p><b>Rubric:</b></p>\n<ul>\n<li>The logs first</li>\n<li>The config the release expects</li>\n</ul>\n<p>A missing setting in production.</p>\n<p><b>Common mistake:</b> Guessing before reading the logs.</p>',
    );
  });

  it('makes a cloze card one Cloze note, a card per number, with Anki’s deletion syntax', async () => {
    const { grill } = setup();
    const { data } = await ankiExport(grill);
    const cloze = noteOf(data.notes, 'sql/keys');
    expect(data.noteTypes.find((t) => t.id === cloze?.noteTypeId)).toMatchObject({
      name: 'Cloze',
      kind: 'cloze',
    });
    expect(cloze?.fields).toEqual([
      'Keys\n<p>A {{c1::primary key::constraint}} names each row; a {{c2::foreign key}} points at a {{c1::primary key}}.\nIn code: <code>{{c3::NOT NULL}}</code>, and a literal &#123;{c9::x&#125;} stays text.</p>',
      '<p>Both are constraints.</p>',
    ]);
    const cards = data.cards.filter((c) => c.noteId === cloze?.id);
    expect(cards.map((c) => c.ord)).toEqual([0, 1, 2]);
  });

  it('writes a cloze text as written when markdown would not keep a deletion in place', async () => {
    const deck =
      '---\nid: spec\ntitle: Spec\n---\n\n## Spec {#spec}\nkind: cloze\n\nRead [the RFC](https://example.com/{{c1::rfc9110}}) & more.\n';
    const { grill } = setup({ 'spec.md': deck });
    expect(noteOf((await ankiExport(grill)).data.notes, 'spec/spec')?.fields[0]).toBe(
      'Spec\n<p>Read [the RFC](https://example.com/{{c1::rfc9110}}) &amp; more.</p>',
    );
  });

  it('exports new cards, and only the note types used', async () => {
    const { grill } = setup({ 'sql.md': SQL });
    grill.answer('sql/keys/c1', 3, T0 + 1000);
    const { data } = await ankiExport(grill);
    expect(data.noteTypes.map((t) => t.name)).toEqual(['Cloze']);
    expect(data.cards.every((c) => c.type === 0 && c.queue === 0 && c.reps === 0)).toBe(true);
    expect(data.cards.map((c) => c.due)).toEqual([1, 2, 3]);
    expect(data.revlog).toEqual([]);
  });

  it('gives a card the same guid, note and ids in every export', async () => {
    const { grill } = setup();
    const first = await ankiExport(grill);
    expect(await ankiExport(grill)).toEqual(first);
    expect(noteOf(first.data.notes, 'http/idempotent')).toBeDefined();
    expect(new Set(first.data.notes.map((n) => n.guid)).size).toBe(first.data.notes.length);
    // Notes and cards are numbered from when grill first saw them, as Anki numbers its own.
    for (const id of [...first.data.notes, ...first.data.cards].map((x) => x.id))
      expect(id).toBeGreaterThanOrEqual(T0);
  });

  it('exports the decks asked for, once each, in that order; an unknown one is an error', async () => {
    const { grill } = setup();
    expect((await ankiExport(grill, ['sql', 'http', 'sql'])).decks.map((d) => d.deckId)).toEqual([
      'sql',
      'http',
    ]);
    await expect(ankiExport(grill, ['sql', 'nope'])).rejects.toThrow(NotFoundError);
    await expect(ankiExport(grill, ['nope'])).rejects.toThrow('unknown deck "nope" (see grill decks)');
  });

  it('leaves out retired cards', async () => {
    const { grill, dir } = setup();
    writeDeck(
      dir,
      'sql.md',
      SQL.replace(/## Keys[\s\S]*/, '## Joins {#joins}\n\n### Answer\nRows of two tables.\n'),
    );
    importPaths(grill, [dir], T0 + 1000);
    const { data, decks } = await ankiExport(grill, ['sql']);
    expect(decks).toEqual([{ deckId: 'sql', name: 'SQL', notes: 1, cards: 1 }]);
    expect(noteOf(data.notes, 'sql/joins')).toBeDefined();
  });

  it('gives decks Anki would merge names of their own', async () => {
    const twin = (id: string, title: string) =>
      `---\nid: ${id}\ntitle: ${title}\n---\n\n## Q {#q}\n\n### Answer\nA.\n`;
    const { grill } = setup({
      'a.md': twin('a', 'Same'),
      'b.md': twin('b', 'same'),
      'c.md': twin('c', ' Default '),
    });
    expect((await ankiExport(grill)).decks.map((d) => d.name)).toEqual(['Same', 'same (b)', 'Default (c)']);
  });

  it('is what the writer writes and the reader reads back, unchanged', async () => {
    const { grill } = setup();
    const { data } = await ankiExport(grill);
    const col = readAnkiPackage(writeAnkiPackage(data, { now: T0 }));
    const byId = <T extends { id: number }>(items: readonly T[]) => [...items].sort((a, b) => a.id - b.id);
    expect(col.decks).toEqual(byId(data.decks));
    expect(col.noteTypes).toEqual(byId(data.noteTypes));
    expect(col.notes).toEqual(byId(data.notes));
    expect(col.cards).toEqual(byId(data.cards).map((c) => ({ ...c, suspended: false, buried: false })));
  });
});

describe('deck text that Anki would read as HTML', () => {
  it('escapes raw HTML (deck files are untrusted; Anki runs scripts in fields) and keeps pipe tables as preformatted text', async () => {
    const deck = `---\nid: web\ntitle: Web\n---\n\n## Explain <script>alert(1)</script> XSS {#xss}\n\nSee <b>this</b>:\n\n<div onclick="x()">block</div>\n\n| id | name |\n| --- | --- |\n| 1 | Ann |\n\n### Answer\nEscape <i>output</i>.\n`;
    const { grill } = grillWith({ 'web.md': deck });
    open.push(grill);
    const { data } = await ankiExport(grill, ['web']);
    const fields = data.notes.flatMap((n) => n.fields).join('\n');
    expect(fields).not.toMatch(/<script|<b>this|<div|<i>output/);
    expect(fields).toContain('Explain &lt;script&gt;alert(1)&lt;/script&gt; XSS');
    expect(fields).toContain('&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;');
    expect(fields).toContain('<pre><code>| id | name |\n| --- | --- |\n| 1 | Ann |\n</code></pre>');
  });
});
