import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck.js';

const FRONT = '---\nid: demo\ntitle: Demo\n---\n';
const deck = (body: string) => parseDeck(FRONT + body, 'd.md');

describe('card text keeps its indentation', () => {
  it('keeps the indent of an indented code block that starts an answer or a body', () => {
    const { cards, problems } = deck(
      '\n## Q {#q}\n\n\n    $ curl -i /health\n    HTTP/1.1 200 OK\n\n### Answer\n\n    SELECT 1;\n      -- indented more\n\nDone.  \n\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]?.body).toBe('    $ curl -i /health\n    HTTP/1.1 200 OK');
    expect(cards[0]?.answer).toBe('    SELECT 1;\n      -- indented more\n\nDone.');
  });

  it('keeps the indent of a why-it-matters note and a common mistake that start indented', () => {
    const { cards } = deck('\n## Q {#q}\n\n### Answer\nA.\n\n### Why it matters\n  two spaces in\n');
    expect(cards[0]?.why).toBe('  two spaces in');
  });
});

describe('link reference definitions: anywhere in the file, usable by every card', () => {
  const RFC = '[rfc]: https://www.rfc-editor.org/rfc/rfc9110 "RFC 9110"';
  const LINK = '(https://www.rfc-editor.org/rfc/rfc9110 "RFC 9110")';

  it('resolves a definition at the end of the file in an earlier card, and keeps it out of the last answer', () => {
    const { cards, problems } = deck(
      `\n## A {#a}\n\n### Answer\nSee [the RFC][rfc], [RFC][] and [rfc].\n\n## B {#b}\n\n### Answer\nB.\n\n${RFC}\n[img]: <https://x.test/a b.png>\n`,
    );
    expect(problems).toEqual([]);
    expect(cards[0]?.answer).toBe(`See [the RFC]${LINK}, [RFC]${LINK} and [rfc]${LINK}.`);
    expect(cards[1]?.answer).toBe('B.');
  });

  it('resolves them in every string a card has: title, body, options, rubric, notes, images', () => {
    const { cards, problems } = deck(
      `\n${RFC}\n[img]: <https://x.test/a b.png>\n\n## What does [RFC 9110][rfc] say? {#t}\nkind: choice\n\n> quoted [rfc]\n\n### Options\n- [x] [rfc] says so\n- [ ] ![diagram][img]\n\n### Why it matters\nRead [rfc].\n\n## R {#r}\nkind: open\n\n### Rubric\n- read\n  [the spec][rfc]\n\n### Answer\nA.\n`,
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({
      title: `What does [RFC 9110]${LINK} say?`,
      body: `> quoted [rfc]${LINK}`,
      options: [
        { text: `[rfc]${LINK} says so`, correct: true },
        { text: '![diagram](https://x.test/a%20b.png)', correct: false },
      ],
      why: `Read [rfc]${LINK}.`,
    });
    expect(cards[1]).toMatchObject({ rubric: [`read\n  [the spec]${LINK}`] });
  });

  it('leaves code, undefined labels, inline links and task markers alone', () => {
    const { cards, problems } = deck(
      '\n## Q {#q}\nkind: choice\n\n### Options\n- [x] `[rfc]` and [nope]\n- [ ] [a](https://a.test) ok\n\n### Answer\n```\n[rfc]\n```\n\n    [rfc]\n\n[rfc]: https://r.test\n[x]: https://x.test\n',
    );
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({
      options: [
        { text: '`[rfc]` and [nope]', correct: true },
        { text: '[a](https://a.test) ok', correct: false },
      ],
      answer: '```\n[rfc]\n```\n\n    [rfc]',
    });
  });

  it('writes a destination with parentheses or spaces in angle brackets and escapes quotes in titles', () => {
    const { cards } = deck(
      '\n## Q {#q}\n\n### Answer\n[w] and [t]\n\n[w]: https://en.wikipedia.org/wiki/Foo_(bar)\n[t]: /t \'say "hi" \\\\ bye\'\n',
    );
    expect(cards[0]?.answer).toBe(
      '[w](<https://en.wikipedia.org/wiki/Foo_(bar)>) and [t](/t "say \\"hi\\" \\\\ bye")',
    );
  });
});
