import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck.js';

const FRONT = '---\nid: demo\ntitle: Demo deck\ndescription: A deck for tests.\ntags: [backend]\n---\n';

function deck(body: string) {
  return parseDeck(FRONT + body, 'demo.md');
}

function problemsOf(body: string) {
  return deck(body).problems.map((p) => ({ line: p.line, code: p.code }));
}

describe('parseDeck: card kinds', () => {
  it('parses a basic card with tags, body, answer and notes', () => {
    const {
      deck: d,
      cards,
      problems,
    } = deck(
      '\n## What is **idempotency**? {#idempotency}\ntags: intern, http\n\nThink of `DELETE`.\n\n### Answer\nSame effect once or many times.\n\n### Why it matters\nRetries.\n\n### Common mistake\nSaying same response.\n',
    );
    expect(problems).toEqual([]);
    expect(d).toMatchObject({
      id: 'demo',
      title: 'Demo deck',
      description: 'A deck for tests.',
      tags: ['backend'],
    });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      kind: 'basic',
      id: 'idempotency',
      key: 'demo/idempotency',
      title: 'What is **idempotency**?',
      body: 'Think of `DELETE`.',
      answer: 'Same effect once or many times.',
      why: 'Retries.',
      mistake: 'Saying same response.',
      tags: ['backend', 'intern', 'http'],
      line: 8,
    });
    expect(cards[0]?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('parses a single-answer and a multiple-answer choice card', () => {
    const { cards, problems } = deck(
      '\n## Pick one {#one}\nkind: choice\n\n### Options\n- [ ] a\n- [x] `b`\n\n## Pick all {#all}\nkind: choice\n\n### Options\n- [x] a\n- [X] b\n- [ ] c\n\n### Answer\nBecause.\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({
      kind: 'choice',
      multiple: false,
      options: [
        { text: 'a', correct: false },
        { text: '`b`', correct: true },
      ],
    });
    expect(cards[1]).toMatchObject({ kind: 'choice', multiple: true, answer: 'Because.' });
    expect(cards[1]?.kind === 'choice' && cards[1].options.map((o) => o.correct)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('parses a typed card, accepting plain text of each list item', () => {
    const { cards, problems } = deck(
      '\n## Conflict code? {#conflict}\nkind: typed\n\n### Accept\n- `409`\n- 409   Conflict\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ kind: 'typed', accept: ['409', '409 Conflict'], answer: '' });
  });

  it('parses an open card whose prompt carries a code block and a table', () => {
    const { cards, problems } = deck(
      '\n## Debug this {#debug}\nkind: open\n\n```text\nERROR boom\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n### Rubric\n- Read the **logs**\n- Find the cause\n\n### Answer\nRead logs.\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({
      kind: 'open',
      rubric: ['Read the **logs**', 'Find the cause'],
      answer: 'Read logs.',
    });
    expect(cards[0]?.body).toBe('```text\nERROR boom\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |');
  });

  it('keeps cards in file order and ignores text before the first card', () => {
    const { cards } = deck(
      '\n# Demo\n\nIntro paragraph.\n\n## A {#a}\n\n### Answer\nx\n\n## B {#b}\n\n### Answer\ny\n',
    );
    expect(cards.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('gives the same hash for the same content and a new one when the content changes', () => {
    const a = deck('\n## Q {#q}\n\n### Answer\nA\n').cards[0]?.hash;
    const moved = deck('\n\n\n## Q {#q}\n\n### Answer\nA\n').cards[0]?.hash;
    const edited = deck('\n## Q {#q}\n\n### Answer\nB\n').cards[0]?.hash;
    expect(moved).toBe(a);
    expect(edited).not.toBe(a);
  });
});

describe('parseDeck: problems, each at its exact line', () => {
  it('reports a missing id', () => {
    expect(problemsOf('\n## No id here\n\n### Answer\nx\n')).toEqual([{ line: 8, code: 'missing-id' }]);
  });

  it('reports a malformed id', () => {
    expect(problemsOf('\n## Q {#Bad_Id}\n\n### Answer\nx\n')).toEqual([{ line: 8, code: 'bad-id' }]);
  });

  it('reports an id too long for its card key to sync (deck/card within 200 characters)', () => {
    const id = 'a'.repeat(100);
    expect(problemsOf(`\n## Q {#${id}}\n\n### Answer\nx\n`)).toEqual([{ line: 8, code: 'bad-id' }]);
    expect(problemsOf(`\n## Q {#${id.slice(1)}}\n\n### Answer\nx\n`)).toEqual([]);
  });

  it('reports a duplicate id on the second card and names the first line', () => {
    const { problems } = deck('\n## A {#same}\n\n### Answer\nx\n\n## B {#same}\n\n### Answer\ny\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 13, column: 1, code: 'duplicate-id' });
    expect(problems[0]?.message).toContain('line 8');
  });

  it('reports an unknown kind at its field line', () => {
    expect(problemsOf('\n## Q {#q}\nkind: essay\n\n### Answer\nx\n')).toEqual([
      { line: 9, code: 'unknown-kind' },
    ]);
  });

  it('reports an unknown field', () => {
    expect(problemsOf('\n## Q {#q}\ntags: intern\nlevel: hard\n\n### Answer\nx\n')).toEqual([
      { line: 10, code: 'unknown-field' },
    ]);
  });

  it('reports a choice card with no correct option', () => {
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Options\n- [ ] a\n- [ ] b\n')).toEqual([
      { line: 11, code: 'no-correct-option' },
    ]);
  });

  it('reports a choice card with an unmarked option, and one with a single option', () => {
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Options\n- [x] a\n- b\n')).toEqual([
      { line: 13, code: 'unmarked-option' },
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Options\n- [x] a\n')).toEqual([
      { line: 11, code: 'too-few-options' },
    ]);
  });

  it('reports a choice card without options', () => {
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Answer\nx\n')).toEqual([
      { line: 8, code: 'missing-options' },
    ]);
  });

  it('reports a typed card without an answer list, and with an empty one', () => {
    expect(problemsOf('\n## Q {#q}\nkind: typed\n\n### Answer\nx\n')).toEqual([
      { line: 8, code: 'missing-accept' },
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: typed\n\n### Accept\nnothing listed\n')).toEqual([
      { line: 11, code: 'empty-accept' },
    ]);
  });

  it('reports an open card without rubric points', () => {
    expect(problemsOf('\n## Q {#q}\nkind: open\n\n### Answer\nx\n')).toEqual([
      { line: 8, code: 'missing-rubric' },
    ]);
    expect(problemsOf('\n## Q {#q}\nkind: open\n\n### Rubric\n\n### Answer\nx\n')).toEqual([
      { line: 11, code: 'empty-rubric' },
    ]);
  });

  it('reports an empty answer and a missing one', () => {
    expect(problemsOf('\n## Q {#q}\n\n### Answer\n\n### Why it matters\nx\n')).toEqual([
      { line: 10, code: 'empty-answer' },
    ]);
    expect(problemsOf('\n## Q {#q}\n\nJust a prompt.\n')).toEqual([{ line: 8, code: 'missing-answer' }]);
  });

  it('reports unknown sections, sections of another kind and repeated sections', () => {
    expect(problemsOf('\n## Q {#q}\n\n### Answer\nx\n\n### Hints\ny\n')).toEqual([
      { line: 13, code: 'unknown-section' },
    ]);
    const wrongKind = deck('\n## Q {#q}\n\n### Answer\nx\n\n### Rubric\n- y\n').problems;
    expect(wrongKind.map((p) => [p.line, p.code])).toEqual([[13, 'section-not-for-kind']]);
    expect(wrongKind[0]?.hint).toContain('kind: open');
    expect(problemsOf('\n## Q {#q}\n\n### Answer\nx\n\n### Answer\ny\n')).toEqual([
      { line: 13, code: 'duplicate-section' },
    ]);
  });

  it('reports an empty question heading', () => {
    expect(problemsOf('\n## {#q}\n\n### Answer\nx\n')).toEqual([{ line: 8, code: 'empty-question' }]);
  });

  it('reports an unclosed code fence at the line that opens it', () => {
    const result = deck(
      '\n## Q {#q}\n\n### Answer\nx\n\n```sql\nSELECT 1;\n\n## Next {#next}\n\n### Answer\ny\n',
    );
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([[13, 'unclosed-fence']]);
    expect(result.problems[0]?.message).toContain('never closed');
  });

  it('accepts a fence closed by a longer fence and a tilde fence', () => {
    expect(problemsOf('\n## Q {#q}\n\n### Answer\n```js\nx\n`````\n\n~~~\ny\n~~~\n')).toEqual([]);
  });

  it('reports every problem in the file, not just the first, in line order', () => {
    const codes = problemsOf(
      '\n## A\n\n### Answer\nx\n\n## B {#b}\nkind: weird\n\n### Answer\nx\n\n## C {#c}\nkind: open\n\n### Answer\nx\n',
    );
    expect(codes).toEqual([
      { line: 8, code: 'missing-id' },
      { line: 14, code: 'unknown-kind' },
      { line: 19, code: 'missing-rubric' },
    ]);
  });
});

describe('parseDeck: front matter', () => {
  it('reports a file without front matter at 1:1', () => {
    const { deck: d, cards, problems } = parseDeck('## Q {#q}\n\n### Answer\nx\n', 'x.md');
    expect(d).toBeNull();
    expect(cards).toEqual([]);
    expect(problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([
      ['x.md', 1, 1, 'missing-front-matter'],
    ]);
  });

  it('reports invalid YAML at its line', () => {
    const { problems } = parseDeck('---\nid: x\ntitle: [unclosed\n---\n', 'x.md');
    expect(problems[0]?.code).toBe('bad-front-matter');
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a missing title, a bad id and wrongly typed tags, each at its line', () => {
    const { problems } = parseDeck('---\nid: Not A Slug\ntags: http\n---\n', 'x.md');
    expect(problems.map((p) => [p.line, p.message])).toEqual(
      [
        [1, 'front matter has no "title"'],
        [2, 'front matter "id" must be lowercase letters, digits and dashes (at most 99 characters)'],
        [3, 'front matter "tags" must be a list, e.g. [http, rest]'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });
});

describe('parseDeck: line endings and BOM', () => {
  const text = `${FRONT}\n## Q {#q}\nkind: typed\n\n### Accept\n- 200\n\n### Answer\nOK.\n`;

  it('accepts CRLF with the same cards and lines as LF', () => {
    const lf = parseDeck(text, 'a.md');
    const crlf = parseDeck(text.replace(/\n/g, '\r\n'), 'a.md');
    expect(crlf.problems).toEqual([]);
    expect(crlf.cards).toEqual(lf.cards);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const withBom = parseDeck(`\uFEFF${text}`, 'a.md');
    expect(withBom.problems).toEqual([]);
    expect(withBom.cards).toEqual(parseDeck(text, 'a.md').cards);
  });
});

describe('parseDeck: control characters', () => {
  const controls = (text: string) =>
    parseDeck(text, 'evil.md')
      .problems.filter((p) => p.code === 'control-character')
      .map((p) => `${p.line}:${p.column} ${p.message}`);

  it('reports each control character where an editor shows it, with a hint', () => {
    const body =
      '\n## Clear \x1b[2Jscreen {#q}\n\nBody \x1b]0;pwned\x07 and\rback.\n\n### Answer\n\x1b[31mred\tok\n';
    const { problems } = parseDeck(FRONT + body, 'evil.md');
    expect(controls(FRONT + body)).toEqual([
      '8:10 control character U+001B (ESC) in deck text',
      '10:6 control character U+001B (ESC) in deck text',
      '10:15 control character U+0007 (BEL) in deck text',
      '10:20 control character U+000D (CR) in deck text',
      '13:1 control character U+001B (ESC) in deck text',
    ]);
    expect(problems.find((p) => p.code === 'control-character')).toMatchObject({
      file: 'evil.md',
      hint: expect.stringContaining('remove it'),
    });
  });

  it('reports C1 controls and DEL, and names ones without a short name by code point', () => {
    expect(controls(`${FRONT}\n## Q {#q}\n\n### Answer\na\u009bb\u007fc\u0001\n`)).toEqual([
      '11:2 control character U+009B (CSI) in deck text',
      '11:4 control character U+007F (DEL) in deck text',
      '11:6 control character U+0001 in deck text',
    ]);
  });

  it('reports a control character in the front matter too', () => {
    expect(controls('---\nid: x\ntitle: Ti\x1b[1mtle\n---\n\n## Q {#q}\n\n### Answer\nA\n')).toEqual([
      '3:10 control character U+001B (ESC) in deck text',
    ]);
  });

  it('accepts tab, CRLF line endings and a leading byte-order mark', () => {
    const text = `\uFEFF${FRONT}\n## Q {#q}\n\n### Answer\n\tindented\n`.replace(/\n/g, '\r\n');
    expect(parseDeck(text, 'ok.md').problems).toEqual([]);
  });
});

describe('parseDeck: markdown edge cases, read as CommonMark and GitHub read them', () => {
  it('takes the id from an ATX heading with a closing sequence, and keeps a # inside the question', () => {
    const { cards, problems } = deck('\n## What is C#? {#c-sharp} ##\n\n### Answer\nA language.\n');
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ id: 'c-sharp', title: 'What is C#?' });
  });

  it('reads a setext level-2 heading as a card', () => {
    const { cards, problems } = deck(
      '\nWhat is a *setext* heading? {#setext}\n---\n\n### Answer\nUnderlined.\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ id: 'setext', title: 'What is a *setext* heading?', line: 8 });
  });

  it('writes a reference link inline and keeps its definition out of the text (card-text.test.ts)', () => {
    const { cards } = deck(
      '\n## Q {#q}\n\n### Answer\nSee [the RFC][rfc].\n\n[rfc]: https://www.rfc-editor.org/rfc/rfc9110\n',
    );
    expect(cards[0]?.answer).toBe('See [the RFC](https://www.rfc-editor.org/rfc/rfc9110).');
  });

  it('reads accepted answers and rubric points without task markers or markup', () => {
    const { cards, problems } = deck(
      '\n## Q {#q}\nkind: typed\n\n### Accept\n- [x] `GET`\n- ~~PUT~~\n\n## R {#r}\nkind: open\n\n### Rubric\n- [ ] **logs** first\n\n### Answer\nA.\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ accept: ['GET', 'PUT'] });
    expect(cards[1]).toMatchObject({ rubric: ['**logs** first'] });
  });

  it('reports an option whose marker has no text after it as unmarked', () => {
    expect(problemsOf('\n## Q {#q}\nkind: choice\n\n### Options\n- [x]\n- [ ] b\n- [x] c\n')).toEqual([
      { line: 12, code: 'unmarked-option' },
    ]);
  });

  it('does not start cards or sections at headings inside code, lists or quotes', () => {
    const { cards, problems } = deck(
      '\n## Q {#q}\n\n```md\n## Not a card\n### Answer\n```\n\n> ## quoted\n\n- ### listed\n\n### Answer\nA.\n',
    );
    expect(problems).toEqual([]);
    expect(cards.map((c) => c.id)).toEqual(['q']);
    expect(cards[0]?.body).toBe('```md\n## Not a card\n### Answer\n```\n\n> ## quoted\n\n- ### listed');
  });
});
