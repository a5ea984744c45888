import { readdirSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import type { Card } from '@grill/core';
import { parseDeck } from '@grill/core/parse';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { colorEnabled, renderInline, renderMarkdown, renderMarkdownLines } from './markdown.js';

const plain = (md: string, width: number) => renderMarkdownLines(md, width, { color: false });
const colored = (md: string, width: number) => renderMarkdownLines(md, width, { color: true });
const strip = (lines: string[]) => lines.map((l) => stripVTControlCharacters(l));

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for escape sequences
const SGR = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
const RAW_CONTROL = /[\u001b\u0007\r\u009b\u007f]/;

/** Every markdown text of every bundled deck: bodies, answers, notes, options, rubric points. */
function deckTexts(): { where: string; text: string }[] {
  const dir = new URL('../../../../content/', import.meta.url);
  const out: { where: string; text: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'FORMAT.md')) {
    const { cards } = parseDeck(readFileSync(new URL(file, dir), 'utf8'), file);
    for (const card of cards as Card[]) {
      const texts = [card.body, card.answer, card.why, card.mistake];
      if (card.kind === 'choice') texts.push(...card.options.map((o) => o.text));
      if (card.kind === 'open') texts.push(...card.rubric);
      for (const text of texts) if (text) out.push({ where: card.key, text });
    }
  }
  return out;
}

function expectWithin(lines: string[], width: number, where = ''): void {
  for (const line of lines) {
    if (stringWidth(line) > width)
      expect.fail(`${where}: ${stringWidth(line)} > ${width}: ${JSON.stringify(line)}`);
  }
}

/** The SGR attributes still open after `line` (empty when the line closes what it opens). */
function openAfter(line: string): string[] {
  const closes: Record<string, (code: string) => boolean> = {
    '0': () => true,
    '22': (c) => c === '1' || c === '2',
    '23': (c) => c === '3',
    '24': (c) => c === '4',
    '29': (c) => c === '9',
    '39': (c) => /^[39]\d$/.test(c),
  };
  let open: string[] = [];
  for (const m of line.matchAll(SGR)) {
    for (const p of (m[0].slice(2, -1) || '0').split(';')) {
      const close = closes[p];
      open = close ? open.filter((c) => !close(c)) : [...open, p];
    }
  }
  return open;
}

const SAMPLE = [
  '# Title with `code`',
  '',
  'A paragraph with **bold**, *em*, `inline code` and a [link](https://example.com/a/very/long/path) that',
  'goes on for a while so that it needs wrapping at any reasonable width, plus a supercalifragilisticexpialidocious word.',
  '',
  '7. seven with a long enough item text to wrap onto a second line at narrow widths',
  '8. eight',
  '   - nested bullet with `code` that is long enough to wrap as well at small widths',
  '     - deeper',
  '',
  '> quoted **text** that is long enough to wrap onto several lines at small widths',
  '> > nested quote',
  '',
  '```python',
  'def f(x):',
  '        return some_function_with_a_long_name(x, another_argument, yet_another_argument)',
  '\tprint("tab")',
  '```',
  '',
  '| key | type | what it is |',
  '| :-- | :-: | --: |',
  '| `id` | string | the stable id of the deck, never changed once progress exists |',
  '| 漢字 | emoji 👍🏽 | wide characters 漢字漢字漢字漢字 |',
  '',
  '- [x] done',
  '- [ ] open',
  '',
  '---',
  '',
  '<div>html block</div>',
].join('\n');

describe('width', () => {
  const texts = deckTexts();

  it('keeps every line of every bundled card within the width', () => {
    expect(texts.length).toBeGreaterThan(100);
    for (const width of [40, 56, 60, 76, 120]) {
      for (const { where, text } of texts) {
        expectWithin(plain(text, width), width, `${where} plain`);
        expectWithin(colored(text, width), width, `${where} colour`);
      }
    }
  });

  it('keeps a sample of every block kind within the width, down to one column', () => {
    for (let width = 1; width <= 100; width++) {
      expectWithin(plain(SAMPLE, width), width, 'plain');
      expectWithin(colored(SAMPLE, width), width, 'colour');
    }
  });

  it('keeps arbitrary markdown within the width', () => {
    const piece = fc.constantFrom(
      'word ',
      'averyveryverylongwordwithoutanybreaks ',
      '`code` ',
      '**bold** ',
      '*em* ',
      '[a](http://x.y/z) ',
      '漢字 ',
      '👍🏽 ',
      '\n',
      '\n\n',
      '- ',
      '10. ',
      '> ',
      '  ',
      '\t',
      '\n```\n',
      '\n| a | b |\n|---|---|\n| c | d |\n',
      '# ',
      '\u001b[31m',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 90 }), (pieces, width) => {
        const md = pieces.join('');
        expectWithin(plain(md, width), width);
        expectWithin(colored(md, width), width);
      }),
      { numRuns: 300 },
    );
  });

  it('has no trailing empty lines, and renderMarkdown joins the lines', () => {
    const lines = plain('para\n\n\n\n```\ncode\n\n\n```\n\n\n', 40);
    expect(lines).toEqual(['para', '', '  code']);
    expect(renderMarkdown(SAMPLE, 50, { color: true })).toBe(colored(SAMPLE, 50).join('\n'));
    expect(plain('', 40)).toEqual([]);
  });
});

describe('untrusted text', () => {
  const NASTY = 'x\u001b[2J\u001b[31mred\u001b]0;title\u0007 bare\rcr c1\u009b31m del\u007f';
  const everywhere = [
    `# ${NASTY}`,
    NASTY,
    `- ${NASTY}`,
    `1. \`${NASTY}\``,
    `> **${NASTY}**`,
    `[${NASTY}](http://e.x/${NASTY})`,
    '```sql',
    `SELECT '${NASTY}';`,
    '```',
    '```nosuchlanguage',
    NASTY,
    '```',
    '| h |',
    '|---|',
    `| ${NASTY} |`,
    `<div>${NASTY}</div>`,
    'entities: &#27;[2J &#x9b; &#7; &#13;',
  ].join('\n\n');

  it('without colour, no escape, bell, carriage return or C1 control reaches the output', () => {
    const out = renderMarkdown(everywhere, 60, { color: false });
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('␛[2J');
    expect(out).toContain('<U+009B>');
    const inline = renderInline(NASTY, { color: false });
    expect(inline).not.toMatch(RAW_CONTROL);
    expect(inline).toContain('␛]0;title␇');
  });

  it('with colour, the only escape sequences are SGR colour codes', () => {
    for (const width of [20, 60]) {
      const out = renderMarkdown(everywhere, width, { color: true });
      expect(out).toMatch(SGR);
      expect(out.replace(SGR, '')).not.toMatch(RAW_CONTROL);
    }
    expect(renderInline(`**${NASTY}** \`${NASTY}\``, { color: true }).replace(SGR, '')).not.toMatch(
      RAW_CONTROL,
    );
  });

  it('every coloured line closes the styles it opens, so any slice of lines renders alone', () => {
    const md = `${SAMPLE}\n\n**bold text long enough to wrap across several lines at this width, and \`code inside\` too**`;
    for (const width of [12, 30, 60]) {
      for (const line of colored(md, width)) expect(openAfter(line), JSON.stringify(line)).toEqual([]);
    }
  });

  it('closes a wrapped cell style inside its cell, so borders and prefixes are never styled', () => {
    const lines = colored('| a | b |\n|---|---|\n| **bold words that wrap** | `code that wraps too` |', 30);
    for (const line of lines.slice(2)) {
      const cell = line.slice(0, line.indexOf('\u001b[2m │'));
      expect(openAfter(cell), JSON.stringify(line)).toEqual([]);
    }
    for (const line of colored('- **bold words that wrap onto more lines**', 12).slice(1)) {
      expect(line.startsWith('  \u001b[1m'), JSON.stringify(line)).toBe(true);
    }
  });
});

describe('lists', () => {
  it('keeps the start number of an ordered list', () => {
    expect(plain('7. a\n8. b', 40)).toEqual(['7. a', '8. b']);
    expect(plain('0. zero\n1. one', 40)).toEqual(['0. zero', '1. one']);
  });

  it('right-aligns numbers that change width, and hangs wrapped text under the item text', () => {
    expect(plain('9. nine\n10. ten words that wrap here', 16)).toEqual([
      ' 9. nine',
      '10. ten words',
      '    that wrap',
      '    here',
    ]);
  });

  it('hangs bullet continuations under the text and indents nested lists further', () => {
    expect(plain('- one two three four\n  - nested five six seven\n- back', 14)).toEqual([
      '• one two',
      '  three four',
      '  ◦ nested',
      '    five six',
      '    seven',
      '• back',
    ]);
  });

  it('separates the items of a loose list with a blank line', () => {
    expect(plain('- a\n\n- b', 20)).toEqual(['• a', '', '• b']);
  });

  it('shows task items as checkboxes', () => {
    expect(plain('- [x] done\n- [ ] open thing here', 12)).toEqual([
      '[x] done',
      '[ ] open',
      '    thing',
      '    here',
    ]);
    expect(plain('1. [x] done', 20)).toEqual(['1. [x] done']);
  });
});

describe('inline markdown', () => {
  const md = [
    'A `SELECT` with **bold** and *em*.',
    '',
    '- item with `code` and **strong**',
    '',
    '| col `a` | **b** |',
    '|---|---|',
    '| `x = 1` | **y** |',
  ].join('\n');

  it('without colour, shows code and bold as plain text with no markers', () => {
    const out = plain(md, 60).join('\n');
    expect(out).not.toMatch(/[`*]/);
    expect(out).toContain('A SELECT with bold and em.');
    expect(out).toContain('• item with code and strong');
    expect(out).toMatch(/x = 1\s+│ y/);
  });

  it('with colour, styles inline code yellow and bold bold, in paragraphs, list items and cells', () => {
    const [para, , item, , header, , row] = colored(md, 60);
    for (const line of [para, item, row]) expect(line).toContain('\u001b[33m');
    expect(para).toContain('\u001b[33mSELECT\u001b[39m');
    expect(para).toContain('\u001b[1mbold\u001b[22m');
    expect(para).toContain('\u001b[3mem\u001b[23m');
    expect(row).toContain('\u001b[1my\u001b[22m');
    expect(header).toContain('\u001b[1m');
    expect(stripVTControlCharacters(colored(md, 60).join('\n'))).not.toMatch(/[`*]/);
  });

  it('shows links as their text, with the address dimmed when it differs', () => {
    expect(plain('see [the docs](https://x.io/d) or <https://y.io>', 60)).toEqual([
      'see the docs (https://x.io/d) or https://y.io',
    ]);
    expect(colored('[a](https://x.io)', 60)).toEqual(['a \u001b[2m(https://x.io)\u001b[22m']);
  });

  it('decodes entities and keeps backslash escapes literal', () => {
    expect(plain('a &amp; b &lt;c&gt; \\*not em\\* &#65;', 60)).toEqual(['a & b <c> *not em* A']);
  });

  it('renderInline: one line, styled, no markers, control characters visible', () => {
    expect(renderInline('What does `SELECT NULL = NULL;` **return**?\nReally', { color: false })).toBe(
      'What does SELECT NULL = NULL; return? Really',
    );
    expect(renderInline('`a`', { color: true })).toBe('\u001b[33ma\u001b[39m');
    expect(renderInline('1. # not a list', { color: false })).toBe('1. # not a list');
    expect(renderInline('bell\u0007', { color: false })).toBe('bell␇');
  });
});

describe('wrapping and indentation', () => {
  it('reflows soft line breaks as spaces', () => {
    expect(plain('one\ntwo\n   three', 40)).toEqual(['one two three']);
  });

  it('breaks at hard line breaks (two spaces or a backslash)', () => {
    expect(plain('one  \ntwo\\\nthree', 40)).toEqual(['one', 'two', 'three']);
  });

  it('starts no wrapped line with a space the source did not have', () => {
    const lines = strip(colored(SAMPLE, 23));
    for (const line of lines.filter((l) => /^\S/.test(l) && !l.startsWith('│')))
      expect(line).not.toMatch(/^ /);
    for (const line of plain('word '.repeat(40), 13)) expect(line).toMatch(/^word( word)*$/);
  });

  it('prefixes every line of a block quote with a bar, nested quotes twice', () => {
    expect(plain('> one two three four five\n>\n> > six', 12)).toEqual([
      '│ one two',
      '│ three four',
      '│ five',
      '│',
      '│ │ six',
    ]);
  });

  it('indents code blocks by two, keeping their indentation, and hard-wraps long lines under it', () => {
    const md = '```\nif (x) {\n    call(alpha, beta, gamma, delta);\n}\n```';
    expect(plain(md, 24)).toEqual(['  if (x) {', '      call(alpha, beta,', '      gamma, delta);', '  }']);
    expect(plain('```\nabcdefghijklmnopqrstuvwxyz\n```', 12)).toEqual([
      '  abcdefghij',
      '  klmnopqrst',
      '  uvwxyz',
    ]);
  });

  it('expands tabs in code to spaces', () => {
    expect(plain('```\n\tx\n```', 20)).toEqual(['      x']);
  });
});

describe('code highlighting', () => {
  it('highlights a known language with colour and leaves it plain without', () => {
    const md = '```sql\nSELECT 1;\n```';
    expect(colored(md, 40)[0]).toBe('  \u001b[34mSELECT\u001b[39m \u001b[32m1\u001b[39m;');
    expect(plain(md, 40)).toEqual(['  SELECT 1;']);
  });

  it('shows an unknown language as plain text without throwing', () => {
    expect(colored('```nosuchlanguage\nSELECT 1;\n```', 40)).toEqual(['  SELECT 1;']);
    expect(colored('```js title="x.js"\nconst a = 1;\n```', 40)[0]).toContain('\u001b[34mconst\u001b[39m');
  });
});

describe('tables', () => {
  const md = [
    '| key | required | what it is |',
    '| --- | :-: | --- |',
    "| `id` | yes | the deck's stable id: lowercase letters, digits and `-`. Never change it. |",
    '| `description` | no | one sentence about the deck |',
  ].join('\n');

  it('fits the columns to the width, wraps cells onto several lines and keeps columns aligned', () => {
    const rule = ['─'.repeat(11), '─'.repeat(8), '─'.repeat(35)].join('─┼─');
    expect(plain(md, 60)).toEqual([
      'key         │ required │ what it is',
      rule,
      "id          │   yes    │ the deck's stable id: lowercase",
      '            │          │ letters, digits and -. Never change',
      '            │          │ it.',
      rule,
      'description │    no    │ one sentence about the deck',
    ]);
  });

  it('stacks rows as `Header: value` lines when the columns cannot fit', () => {
    expect(plain(md, 30)).toEqual([
      'key: id',
      'required: yes',
      "what it is: the deck's stable",
      '  id: lowercase letters,',
      '  digits and -. Never change',
      '  it.',
      '',
      'key: description',
      'required: no',
      'what it is: one sentence about',
      '  the deck',
    ]);
    expect(colored(md, 30)[0]).toBe('\u001b[1mkey:\u001b[22m \u001b[33mid\u001b[39m');
  });

  it('keeps a narrow data table as a table at 30 columns, one line per row', () => {
    const data = '| id | name | manager_id |\n|---:|---|---|\n| 1 | Dana | NULL |\n| 12 | Eli | 1 |';
    expect(plain(data, 30)).toEqual([
      'id │ name │ manager_id',
      '───┼──────┼───────────',
      ' 1 │ Dana │ NULL',
      '12 │ Eli  │ 1',
    ]);
  });

  it('bolds the header with colour and dims the borders', () => {
    const [header, rule] = colored('| a | b |\n|---|---|\n| c | d |', 30);
    expect(header).toBe('\u001b[1ma\u001b[22m\u001b[2m │ \u001b[22m\u001b[1mb\u001b[22m');
    expect(rule).toBe('\u001b[2m──┼──\u001b[22m');
  });
});

describe('blocks', () => {
  it('shows headings without # on their own line, a blank line between blocks', () => {
    expect(plain('# Title\npara\n## Sub', 40)).toEqual(['Title', '', 'para', '', 'Sub']);
    expect(colored('### Title', 40)).toEqual(['\u001b[1mTitle\u001b[22m']);
  });

  it('draws a horizontal rule across the width', () => {
    expect(plain('a\n\n---\n\nb', 7)).toEqual(['a', '', '───────', '', 'b']);
  });
});

describe('purity', () => {
  it('gives the same lines whatever was rendered before', () => {
    const first = colored(SAMPLE, 44);
    plain(SAMPLE, 90);
    colored('# other', 10);
    expect(colored(SAMPLE, 44)).toEqual(first);
  });
});

describe('colorEnabled', () => {
  it('is off under NO_COLOR or FORCE_COLOR=0', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '0' })).toBe(false);
  });
});
