import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { BrowseQueries, codeWords, searchExpression, typingExpressions } from './browse-queries.js';
import { openDatabase } from './database.js';

describe('searchExpression', () => {
  it('quotes every word and phrase, so user text is never FTS5 syntax', () => {
    expect(searchExpression('N+1')).toBe('"N+1"');
    expect(searchExpression('GET /users/{id}')).toBe('"GET" "/users/{id}"');
    expect(searchExpression('"GET /users/{id}" 200')).toBe('"GET /users/{id}" "200"');
    expect(searchExpression('a AND b OR NOT c')).toBe('"a" "AND" "b" "OR" "NOT" "c"');
    expect(searchExpression('x"y')).toBe('"x" "y"');
    expect(searchExpression('"unclosed phrase')).toBe('"unclosed phrase"');
    expect(searchExpression('idempot* *')).toBe('"idempot"* "*"');
    expect(searchExpression('  ""  ')).toBe('""');
  });
});

describe('typingExpressions', () => {
  it('tries the last word as the start of words or a stem before an ending, then as any cut of it', () => {
    // `replic` and `repl` + the start of an ending (ation, ical); `repli`, `rep` only as a last resort.
    expect(typingExpressions('db replica')).toEqual([
      '"db" AND ("replica"* OR "replic" OR "repl")',
      '"db" AND ("replic" OR "repli" OR "repl" OR "rep")',
    ]);
    // `data` + `bas` is no word's stem and ending: not before the last resort.
    expect(typingExpressions('databas')[0]).toBe('("databas"* OR "databa")');
    expect(typingExpressions('user')).toEqual(['"user"*', '"use"']);
    expect(typingExpressions('N+')).toEqual(['"N+"*']);
    expect(typingExpressions('écoute')).toEqual(['("écoute"* OR "écout")', '("écout" OR "écou" OR "éco")']);
    expect(typingExpressions('a "b c" dee')).toEqual(['"a" "b c" AND "dee"*']);
    // A finished word (a space, a closing quote, `*` after it) or an open phrase is left whole.
    for (const text of ['db ', '"read replicas"', '"read repl', 'idempot*', '', '  '])
      expect(typingExpressions(text), text).toEqual([searchExpression(text)]);
  });
});

/** A card row as an import writes it (content without the columns' fields). */
function insertCard(db: ReturnType<typeof openDatabase>, id: string, content: object, retired = 0): void {
  db.prepare(
    `INSERT INTO cards (key, deck_id, card_id, kind, content, content_hash, source_line, position, retired, added_at)
     VALUES (?, 'd', ?, ?, ?, 'h', 1, 0, ?, 0)`,
  ).run(`d/${id}`, id, 'kind' in content ? content.kind : 'basic', JSON.stringify(content), retired);
}

describe('the card search index (migration 14)', () => {
  it('is filled from the active cards of an older database, with every part of a card', () => {
    const file = path.join(tempDir(), 'grill.db');
    const old = openDatabase(file, { targetVersion: 13 });
    old
      .prepare(
        "INSERT INTO decks (id, title, description, tags, source_path, source_hash, imported_at) VALUES ('d', 'D', '', '[]', 'd.md', 'x', 1)",
      )
      .run();
    const base = { body: '', answer: '', why: '', mistake: '', tags: ['t'] };
    insertCard(old, 'basic', { ...base, title: 'Which verb is PUT?', why: 'Idempotency matters.' });
    insertCard(old, 'choice', {
      ...base,
      kind: 'choice',
      title: 'Pick one',
      options: [
        { text: 'the teapot', correct: true },
        { text: 'a kettle', correct: false },
      ],
      multiple: false,
    });
    insertCard(old, 'typed', { ...base, kind: 'typed', title: 'Status?', accept: ['418', 'I am a teapot'] });
    insertCard(old, 'open', { ...base, kind: 'open', title: 'Explain', rubric: ['mentions quorum'] });
    insertCard(old, 'gone', { ...base, title: 'A retired PUT card' }, 1);
    old.close();

    const db = openDatabase(file);
    const browse = new BrowseQueries(db);
    const found = (text: string) => browse.cards({ search: text }).map((c) => c.key);
    expect(found('PUT')).toEqual(['d/basic']);
    expect(found('idempotency')).toEqual(['d/basic']);
    expect(found('kettle')).toEqual(['d/choice']);
    expect(found('418')).toEqual(['d/typed']);
    expect(found('teapot').sort()).toEqual(['d/choice', 'd/typed']);
    expect(found('quorum')).toEqual(['d/open']);
    // Written by any code, not only the import: the triggers keep the index in step.
    db.prepare("UPDATE cards SET retired = 1 WHERE key = 'd/basic'").run();
    expect(found('PUT')).toEqual([]);
    db.prepare("UPDATE cards SET retired = 0 WHERE key = 'd/gone'").run();
    expect(found('PUT')).toEqual(['d/gone']);
    db.prepare("DELETE FROM cards WHERE key = 'd/open'").run();
    expect(found('quorum')).toEqual([]);
    const rows = db.prepare('SELECT count(*) AS n FROM card_search').get() as { n: number };
    expect(rows.n).toBe(3);
    // FTS5's own check of the index against its content.
    expect(() => db.exec("INSERT INTO card_search (card_search) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });
});

describe('code words in a search', () => {
  it('are the words in capitals or with a character the index drops, punctuation around them left out', () => {
    expect(codeWords('PUT vs put')).toEqual(['PUT']);
    expect(codeWords('what does `PUT` do?')).toEqual(['PUT']);
    expect(codeWords('$1 placeholder /users/{id} read-only')).toEqual(['$1', '/users/{id}', 'read-only']);
    // Kept by the index as they are, or not capitals: nothing to check.
    expect(codeWords('N+1 C# Redis idempot* "GET /x"')).toEqual([]);
  });

  it('rank the cards holding them as typed first: HTTP PUT before the English "put", $1 before 1', () => {
    const db = openDatabase(path.join(tempDir(), 'grill.db'));
    db.prepare(
      "INSERT INTO decks (id, title, description, tags, source_path, source_hash, imported_at) VALUES ('d', 'D', '', '[]', 'd.md', 'x', 1)",
    ).run();
    const base = { body: '', answer: '', why: '', mistake: '', tags: ['t'] };
    // The English word in the question (weighted most), the verb in the answer only.
    insertCard(db, 'english', { ...base, title: 'Where do you put a cache? Put it near the reads.' });
    insertCard(db, 'http', { ...base, title: 'Which method replaces a resource?', answer: '`PUT` does.' });
    insertCard(db, 'one', { ...base, title: 'How many primaries? 1, and 1 only.' });
    insertCard(db, 'placeholder', {
      ...base,
      title: 'A numbered parameter',
      answer: 'Postgres writes `$1`, not `$10`.',
    });
    const browse = new BrowseQueries(db);
    const found = (search: string, limit?: number) =>
      browse.cards({ search, ...(limit ? { limit } : {}) }).map((c) => c.key);
    expect(found('put')).toEqual(['d/english', 'd/http']);
    expect(found('PUT')).toEqual(['d/http', 'd/english']);
    expect(found('PUT', 1)).toEqual(['d/http']);
    expect(browse.cards({ search: 'PU', asYouType: true }).map((c) => c.key)).toContain('d/http');
    expect(found('1')).toEqual(['d/one', 'd/placeholder']);
    expect(found('$1')).toEqual(['d/placeholder', 'd/one']);
    db.close();
  });
});
