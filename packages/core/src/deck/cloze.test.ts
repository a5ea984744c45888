import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clozeMatches } from './answer-check.js';
import { clozeMarkdown } from './cloze-markdown.js';
import type { Card, ClozeCard } from './model.js';
import { parseDeck } from './parse-deck.js';

// The front matter takes lines 1-4, so a card's heading written after '\n' is on line 6.
const FRONT = '---\nid: demo\ntitle: Demo\n---\n';
const deck = (body: string) => parseDeck(FRONT + body, 'demo.md');
const cloze = (card: Card | undefined): ClozeCard => {
  if (card?.kind !== 'cloze') throw new Error(`not a cloze card: ${card?.key}`);
  return card;
};
/** Each problem as file:line:col and code. */
const problemsOf = (body: string) =>
  deck(body).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`);

const HTTP = `
## Idempotent methods {#idempotent}
kind: cloze
tags: intern

A method is {{c1::idempotent::property}} when repeating it changes nothing more:
{{c2::PUT}} and {{c2::DELETE}} are, {{c3::POST}} is not.

### Answer
Retries rely on it.
`;

describe('cloze cards: one card per number', () => {
  it('keys each number deck/card-id/cN, in number order, with the shared fields', () => {
    const { cards, problems } = deck(HTTP);
    expect(problems).toEqual([]);
    expect(cards.map((c) => [c.key, c.id, c.kind])).toEqual([
      ['demo/idempotent/c1', 'idempotent/c1', 'cloze'],
      ['demo/idempotent/c2', 'idempotent/c2', 'cloze'],
      ['demo/idempotent/c3', 'idempotent/c3', 'cloze'],
    ]);
    for (const card of cards)
      expect(card).toMatchObject({
        deckId: 'demo',
        title: 'Idempotent methods',
        answer: 'Retries rely on it.',
        tags: ['intern'],
        line: 6,
        typed: false,
      });
    expect(new Set(cards.map((c) => c.hash)).size).toBe(3);
  });

  it('asks each number with its deletions blanked (the hint in place of ...) and the others filled in', () => {
    const [c1, c2, c3] = deck(HTTP).cards.map(cloze);
    expect(c1?.body).toBe(
      'A method is [property] when repeating it changes nothing more:\nPUT and DELETE are, POST is not.',
    );
    expect(c2?.body).toBe(
      'A method is idempotent when repeating it changes nothing more:\n[...] and [...] are, POST is not.',
    );
    expect(c3).toMatchObject({ cloze: 3, answers: ['POST'] });
    expect(c2).toMatchObject({ cloze: 2, answers: ['PUT', 'DELETE'] });
    expect(c1?.text[1]).toEqual({ cloze: 1, answer: 'idempotent', hint: 'property', code: false });
  });

  it('numbers need not start at 1 or be in order; a number written twice with one answer asks it once', () => {
    const { cards, problems } = deck(
      '\n## Q {#q}\nkind: cloze\n\n{{c3::a}} {{c2::b}} {{c3::a}} {{c2::`b`}}\n',
    );
    expect(problems).toEqual([]);
    expect(cards.map((c) => cloze(c).cloze)).toEqual([2, 3]);
    expect(cards.map((c) => cloze(c).answers)).toEqual([['b'], ['a']]);
  });

  it('reads typed: yes, and checks typed answers in order, separated by commas, normalised', () => {
    const { cards, problems } = deck(HTTP.replace('tags: intern', 'tags: intern\ntyped: yes'));
    expect(problems).toEqual([]);
    const [c1, c2] = cards.map(cloze);
    expect(c1?.typed).toBe(true);
    expect(c1 && clozeMatches(c1, '  Idempotent ')).toBe(true);
    expect(c1 && clozeMatches(c1, 'property')).toBe(false);
    expect(c2 && clozeMatches(c2, 'put,delete')).toBe(true);
    expect(c2 && clozeMatches(c2, '`PUT` ,  `DELETE`')).toBe(true);
    expect(c2 && clozeMatches(c2, 'DELETE, PUT')).toBe(false);
    expect(c2 && clozeMatches(c2, '')).toBe(false);
  });

  it('keeps the keys when the text around the deletions is edited; only the content hash changes', () => {
    const before = deck(HTTP).cards;
    const after = deck(HTTP.replace('A method is', '\nPreamble.\n\nAn HTTP method is')).cards;
    expect(after.map((c) => c.key)).toEqual(before.map((c) => c.key));
    expect(after.map((c) => c.hash)).not.toEqual(before.map((c) => c.hash));
  });

  it('blanks inside code spans and code blocks as written, and pairs braces inside a deletion', () => {
    const { cards, problems } = deck(
      '\n## Go zero values {#zero}\nkind: cloze\n\nThe zero value of `{{c1::map[string]int}}` is {{c2::`nil`::a keyword}}.\n\n```go\ntype Empty {{c3::struct{}}}\nvar s = {{c4::Empty{}::a literal}}\n```\n',
    );
    expect(problems).toEqual([]);
    const [c1, c2, c3, c4] = cards.map(cloze);
    expect(c1?.body).toBe(
      'The zero value of `[...]` is `nil`.\n\n```go\ntype Empty struct{}\nvar s = Empty{}\n```',
    );
    expect(c2?.body).toContain('is [a keyword].');
    expect(c3?.body).toContain('type Empty [...]\n');
    expect(c4?.body).toContain('var s = [a literal]\n');
    expect(c1?.text[1]).toMatchObject({ answer: 'map[string]int', code: true });
    expect([c2?.answers, c3?.answers, c4?.answers]).toEqual([['nil'], ['struct{}'], ['Empty{}']]);
  });

  it('lets a code span inside a deletion hold ::, and an escaped brace opens nothing', () => {
    const { cards, problems } = deck(
      '\n## Rust {#rust}\nkind: cloze\n\nA new vector: {{c1::`Vec::new()`::a call}}. Anki writes \\{{c1::this}}.\n',
    );
    expect(problems).toEqual([]);
    const [c1] = cards.map(cloze);
    expect(cards).toHaveLength(1);
    expect(c1?.answers).toEqual(['Vec::new()']);
    expect(c1?.body).toBe('A new vector: [a call]. Anki writes \\{{c1::this}}.');
  });

  it('escapes the blank where the text after it would make it a link', () => {
    const [c1] = deck(
      '\n## Q {#q}\nkind: cloze\n\nSee {{c1::RFC 9110}}(the spec) and {{c2::x}}.\n',
    ).cards.map(cloze);
    expect(c1?.body).toBe('See [...\\](the spec) and x.');
    // A colon after it matters only at the start of a line, where `[label]: url` defines a link.
    const [mid, start] = deck('\n## Q {#q}\nkind: cloze\n\nIt is {{c1::x}}: y.\n{{c2::z}}: w.\n').cards.map(
      cloze,
    );
    expect(mid?.body).toBe('It is [...]: y.\nz: w.');
    expect(start?.body).toBe('It is x: y.\n[...\\]: w.');
  });

  it('shows the revealed text, and puts marks around the asked deletions only', () => {
    const [, c2] = deck(HTTP).cards.map(cloze);
    if (!c2) throw new Error('no c2');
    const marks = { open: '<', close: '>' };
    expect(clozeMarkdown(c2.text, 2, true, marks)).toBe(
      'A method is idempotent when repeating it changes nothing more:\n<PUT> and <DELETE> are, POST is not.',
    );
    expect(clozeMarkdown(c2.text, 2, false, marks)).toContain('<[...]> and <[...]>');
    // The text holds the marks nowhere else, so a renderer finds only its own.
    const sneaky = deck('\n## Q {#q}\nkind: cloze\n\na < b {{c1::x}}\n').cards.map(cloze)[0];
    expect(sneaky && clozeMarkdown(sneaky.text, 1, true, marks)).toBe('a  b <x>');
  });
});

describe('cloze cards: problems at file:line:col', () => {
  it('reports a deletion never closed, at its {{', () => {
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\nIt is {{c1::idempotent.\n\nMore {{c2::x}}.\n')).toEqual([
      'demo.md:9:7 unclosed-cloze',
    ]);
  });

  it('does not close a deletion across paragraphs, or from prose inside a code span', () => {
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::a\n\nb}} {{c2::ok}}\n')).toEqual([
      'demo.md:9:1 unclosed-cloze',
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::a `b}}` c {{c2::ok}}\n')).toEqual([
      'demo.md:9:1 unclosed-cloze',
    ]);
  });

  it('reports a bad number: 0, letters, leading zeros, over 99, none', () => {
    expect(
      problemsOf(
        '\n## Q {#q}\nkind: cloze\n\n{{c0::a}} {{cx::b}} {{c01::c}}\n{{c100::d}} {{c::e}} {{c1::ok}}\n',
      ),
    ).toEqual([
      'demo.md:9:1 bad-cloze-number',
      'demo.md:9:11 bad-cloze-number',
      'demo.md:9:21 bad-cloze-number',
      'demo.md:10:1 bad-cloze-number',
      'demo.md:10:13 bad-cloze-number',
    ]);
    expect(deck('\n## Q {#q}\nkind: cloze\n\n{{cx::b}}\n').problems[0]?.message).toBe(
      'cloze number "cx" is not valid',
    );
  });

  it('reports an empty answer, with or without a hint', () => {
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::}} and {{c2::  ::hint}} and {{c3::ok}}\n')).toEqual([
      'demo.md:9:1 empty-cloze',
      'demo.md:9:14 empty-cloze',
    ]);
  });

  it('refuses nested deletions, in prose and in a code span inside one', () => {
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::a {{c2::b}} c}}\n')).toEqual([
      'demo.md:9:9 nested-cloze',
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::a `{{c2::b}}`}}\n')).toEqual([
      'demo.md:9:10 nested-cloze',
    ]);
  });

  it('reports a cloze card with no deletions at its heading', () => {
    const { problems } = deck('\n## Q {#q}\nkind: cloze\n\nNothing hidden; `{{ .Name }}` is a template.\n');
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([[6, 1, 'no-cloze']]);
    expect(problems[0]?.hint).toContain('{{c1::answer}}');
  });

  it('reports deletions in the heading or a section, and on a card of another kind', () => {
    expect(
      problemsOf('\n## What is {{c1::x}}? {#q}\nkind: cloze\n\n{{c1::y}}\n\n### Answer\nAlso {{c2::z}}.\n'),
    ).toEqual(['demo.md:6:12 cloze-outside-body', 'demo.md:12:6 cloze-outside-body']);
    expect(problemsOf('\n## Q {#q}\n\nA {{c1::forgotten}} kind.\n\n### Answer\nx\n')).toEqual([
      'demo.md:8:3 cloze-without-kind',
    ]);
    // Code on a card of another kind may show the syntax.
    expect(problemsOf('\n## Q {#q}\n\nAnki writes `{{c1::x}}`.\n\n### Answer\nx\n')).toEqual([]);
  });

  it('reports deletions in the answer or options of another kind, in prose only', () => {
    expect(problemsOf('\n## Q {#q}\n\nWhich?\n\n### Answer\nIt is {{c1::PUT}}.\n')).toEqual([
      'demo.md:11:7 cloze-without-kind',
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Options\n- [x] {{c1::a}}\n- [ ] b\n')).toEqual([
      'demo.md:10:7 cloze-without-kind',
    ]);
    expect(problemsOf('\n## Q {#q}\n\nWhich?\n\n### Answer\nAnki writes `{{c1::x}}`.\n')).toEqual([]);
  });

  it('reports an opener written almost right, saying what was meant', () => {
    const { problems } = deck(
      '\n## Q {#q}\nkind: cloze\n\n{{C1::a}}, {{ c2::b }}, {{c3:c}} and {{c4::d}}.\n',
    );
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      '9:1 cloze-typo',
      '9:12 cloze-typo',
      '9:25 cloze-typo',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      '"{{C1::" is not a cloze deletion: did you mean {{c1::?',
      '"{{ c2::" is not a cloze deletion: did you mean {{c2::?',
      '"{{c3:" is not a cloze deletion: did you mean {{c3::?',
    ]);
    // Escaped, it is text as meant.
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n\\{{C1::a}} and {{c1::b}}.\n')).toEqual([]);
  });

  it('reads \\{{c1:: in code as the braces, shown without the backslash', () => {
    const { cards, problems } = deck(
      '\n## Anki {#anki}\nkind: cloze\n\nAnki hides `\\{{c1::text}}`; grill hides {{c1::this}}.\n\n```text\n\\{{c2::x}}\n```\n',
    );
    expect(problems).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cloze(cards[0]).body).toBe(
      'Anki hides `{{c1::text}}`; grill hides [...].\n\n```text\n{{c2::x}}\n```',
    );
  });

  it('reports a deletion inside an HTML comment, which would never be shown', () => {
    expect(
      problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::a}} <!-- {{c2::b}} -->\n\n<!--\n{{c3::c}}\n-->\n'),
    ).toEqual(['demo.md:9:16 cloze-in-comment', 'demo.md:12:1 cloze-in-comment']);
    // In a code span or a code block, <!-- is text.
    expect(
      problemsOf('\n## Q {#q}\nkind: cloze\n\n`<!--` {{c1::a}}\n\n```html\n<!-- {{c2::b}} -->\n```\n'),
    ).toEqual([]);
  });

  it('reports typed: on another kind and a typed: value that is not yes or no', () => {
    expect(problemsOf('\n## Q {#q}\ntyped: yes\n\n### Answer\nx\n')).toEqual([
      'demo.md:7:1 field-not-for-kind',
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: cloze\ntyped: maybe\n\n{{c1::x}}\n')).toEqual([
      'demo.md:8:1 bad-field-value',
    ]);
  });

  it('reports an id too long for its numbers’ keys, and sections cloze cards do not take', () => {
    const id = 'a'.repeat(96);
    expect(problemsOf(`\n## Q {#${id}}\nkind: cloze\n\n{{c1::x}}\n`)).toEqual(['demo.md:6:1 long-cloze-id']);
    expect(problemsOf(`\n## Q {#${id.slice(1)}}\nkind: cloze\n\n{{c1::x}}\n`)).toEqual([]);
    expect(problemsOf('\n## Q {#q}\nkind: cloze\n\n{{c1::x}}\n\n### Accept\n- x\n')).toEqual([
      'demo.md:11:1 section-not-for-kind',
    ]);
  });

  it('reads a cloze card from CRLF text with the same cards', () => {
    const lf = deck(HTTP);
    const crlf = parseDeck((FRONT + HTTP).replace(/\n/g, '\r\n'), 'demo.md');
    expect(crlf.problems).toEqual([]);
    expect(crlf.cards).toEqual(lf.cards);
  });
});

describe('cloze cards: the examples in content/FORMAT.md', () => {
  const format = readFileSync(new URL('../../../../content/FORMAT.md', import.meta.url), 'utf8');
  const examples = [...format.matchAll(/^(`{3,4})markdown\n([\s\S]*?)^\1$/gm)]
    .map((m) => m[2] ?? '')
    .filter((text) => text.includes('kind: cloze'));

  it('lint clean, as the keys and the question the text promises', () => {
    expect(examples).toHaveLength(2);
    const parsed = examples.map((text) =>
      parseDeck(`---\nid: http-rest\ntitle: HTTP\n---\n\n${text}`, 'f.md'),
    );
    expect(parsed.flatMap((p) => p.problems)).toEqual([]);
    const cards = parsed.flatMap((p) => p.cards);
    expect(cards.map((c) => c.key).slice(0, 3)).toEqual([
      'http-rest/retry-safe/c1',
      'http-rest/retry-safe/c2',
      'http-rest/retry-safe/c3',
    ]);
    expect(cards[1]?.body.replace(/\s+/g, ' ')).toBe(
      'A request is safe to retry when the method is idempotent: [...] and [...] are by definition, `POST` is not.',
    );
    expect(cards.slice(3).map((c) => cloze(c).answers)).toEqual([['nil'], ['0'], ['struct{}']]);
  });
});
