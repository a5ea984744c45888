import { describe, expect, it } from 'vitest';
import { fixMissingIds } from './fix-ids.js';
import { parseDeck } from './parse-deck.js';

const FRONT = '---\nid: demo\ntitle: Demo\n---\n';

describe('fixMissingIds', () => {
  it('adds slugs from the heading text, de-duplicated against existing and new ids', () => {
    const input = `${FRONT}\n## What is a \`JOIN\`? {#what-is-a-join}\n\n### Answer\nx\n\n## What is a JOIN?\n\n### Answer\ny\n\n## What is a JOIN?\n\n### Answer\nz\n`;
    const { text, added } = fixMissingIds(input);
    expect(added).toBe(2);
    expect(parseDeck(text, 'd.md').cards.map((c) => c.id)).toEqual([
      'what-is-a-join',
      'what-is-a-join-2',
      'what-is-a-join-3',
    ]);
  });

  it('changes no other byte: the result minus the inserted ids equals the input (CRLF, BOM, odd spacing)', () => {
    const input = `\uFEFF${FRONT}\r\n##   Résumé   parsing!  \r\ntags: intern\r\n\r\n### Answer\r\nx  \r\n\r\n## Closing hashes ##\r\n\r\n### Answer\r\ny\r\n`;
    const { text, added } = fixMissingIds(input);
    expect(added).toBe(2);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('##   Résumé   parsing! {#resume-parsing}  \r\n');
    expect(text).toContain('## Closing hashes {#closing-hashes} ##\r\n');
    expect(text.replace(' {#resume-parsing}', '').replace(' {#closing-hashes}', '')).toBe(input);
    expect(parseDeck(text, 'd.md').problems).toEqual([]);
  });

  it('is idempotent and leaves a file with all ids untouched', () => {
    const once = fixMissingIds(`${FRONT}\n## Q one\n\n### Answer\nx\n`).text;
    expect(fixMissingIds(once)).toEqual({ text: once, added: 0 });
  });
});

describe('fixMissingIds: headings it cannot name', () => {
  it('leaves a heading with no question alone, so lint keeps failing on it', () => {
    for (const heading of ['## ####', '##', '## ![](diagram.png)']) {
      const input = `${FRONT}\n${heading}\n\n### Answer\nx\n`;
      expect(fixMissingIds(input)).toEqual({ text: input, added: 0 });
      expect(parseDeck(input, 'd.md').problems.map((p) => [p.line, p.code])).toEqual([[6, 'empty-question']]);
    }
  });

  it('names a heading without latin letters or digits by its place in the deck', () => {
    const input = `${FRONT}\n## 什么是闭包？\n\n### Answer\nx\n\n## Latin {#latin}\n\n### Answer\ny\n\n## 何为幂等？\n\n### Answer\nz\n\n## HTTP 是什么？\n\n### Answer\nw\n`;
    const { text, added } = fixMissingIds(input);
    expect(added).toBe(3);
    expect(parseDeck(text, 'd.md').cards.map((c) => c.id)).toEqual(['card-1', 'latin', 'card-3', 'http']);
  });
});
