import { HtmlRenderer, Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown-tree.js';

const html = (text: string) => new HtmlRenderer().render(new Parser().parse(text));
const withEdits = (text: string) => {
  let out = '';
  let at = 0;
  for (const edit of parseMarkdown(text).edits) {
    out += text.slice(at, edit.from) + edit.insert;
    at = edit.to;
  }
  return out + text.slice(at);
};

describe('reference links written inline: the edited file reads as the original does', () => {
  it.each([
    'See [a].\n\n[a]: /u "T"\n',
    '> quote [a][b] and\n> lazy [c]\ncontinued [a]\n\n[B]: /b\n[c]: </c d> (paren title)\n[a]: /a\n',
    '- item [a]\n\n  second para [a][]\n  - nested ![img][a]\n\n[a]: /a\n',
    '[a]: /a\nTitle [a]\n---\n\ntext\n',
    '[a]: /a\n[b]: /b\nText [a] [b]\n',
    '  [a]: /a\n\n\t[a] tab-indented code\n\n1. [a]\n   [a]\n\n[x]\n',
    'Multi [text][a\nb] here\n\n[a b]: /ab\n',
    '[![i][a]][b]\n\n[a]: /img\n[b]: /link\n',
    '| h | [a] |\n| - | - |\n| [a][] | x |\n\n[a]: /a\n',
    'Text\r\n\r\n> [a]\r\n\r\n[a]: /a\r\n',
    '# H1 [a] #\n\n## H2 \\[a] `[a]` [a] {#id}\n\n[a]: /a\n',
    '> [a]: /in-quote\n> [a]\n\n[a]\n',
    '- [a]: /in-item\n- [a]\n',
    'x [foo](not a link) [foo]\n\n[foo]: /f\n',
    'x [foo]: /not-a-definition\n\n[foo]: /f\n',
    '---\nid: a\n---\n[a] after front matter\n\n[a]: /a\n',
  ])('%j', (text) => {
    const edited = withEdits(text);
    expect(html(edited)).toBe(html(text));
    // Nothing is left to write inline, and top-level definitions are gone.
    expect(parseMarkdown(edited).edits.filter((e) => e.insert !== '')).toEqual([]);
    expect(edited).not.toMatch(/^\[[^\]]*\]: /m);
  });
});
