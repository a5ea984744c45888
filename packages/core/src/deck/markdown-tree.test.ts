import { describe, expect, it } from 'vitest';
import { children, endOf, parseMarkdown, plainText, startOf, taskChecked } from './markdown-tree.js';

describe('parseMarkdown: front matter', () => {
  it('reads the YAML between --- fences on line 1 and keeps every later line number', () => {
    const tree = parseMarkdown('---\nid: a\ntitle: A\n---\n\n## Q {#q}\n');
    expect(tree.frontMatter).toEqual({ value: 'id: a\ntitle: A', line: 1 });
    const heading = children(tree.root)[0];
    expect(heading?.type).toBe('heading');
    expect(startOf(tree, heading as never)).toEqual({ line: 6, column: 1, offset: 24 });
  });

  it('accepts CRLF and trailing spaces on the fences, and an empty block', () => {
    expect(parseMarkdown('--- \r\nid: a\r\ntitle: A\r\n---\t\r\nx').frontMatter?.value).toBe(
      'id: a\r\ntitle: A',
    );
    expect(parseMarkdown('---\n---\n').frontMatter?.value).toBe('');
  });

  it('is no front matter without a closing fence, or when line 1 is not a bare fence', () => {
    expect(parseMarkdown('---\nid: a\n--- more\n- [x] a\n').frontMatter).toBeNull();
    expect(parseMarkdown('\n---\nid: a\n---\n').frontMatter).toBeNull();
    expect(parseMarkdown('----\nid: a\n----\n').frontMatter).toBeNull();
  });

  it('still reads lists as lists after a broken front matter (remark did not)', () => {
    const tree = parseMarkdown('---\nid: a\n--- x\n\n- [x] a\n- [ ] b\n');
    const list = children(tree.root).find((n) => n.type === 'list');
    expect(list && children(list)).toHaveLength(2);
  });
});

describe('positions', () => {
  it('gives each block its line, column and offset, counting CRLF and tabs as written', () => {
    const text = 'a\r\n\r\n  - one\r\n\t\r\n## H\r\n';
    const tree = parseMarkdown(text);
    const [para, list, heading] = children(tree.root);
    expect(startOf(tree, para as never)).toMatchObject({ line: 1, column: 1, offset: 0 });
    const item = list && children(list)[0];
    expect(startOf(tree, item as never)).toMatchObject({ line: 3, column: 3 });
    expect(text.slice(startOf(tree, heading as never).offset, endOf(tree, heading as never).offset)).toBe(
      '## H',
    );
  });
});

describe('plainText', () => {
  const first = (md: string) => children(parseMarkdown(md).root)[0] as never;
  it('drops markup, keeps code and image alt text, unwraps strikethrough', () => {
    expect(plainText(first('## **Bold** `code` ![alt *x*](i.png) ~~old~~ ~new~ {#id}'))).toBe(
      'Bold code alt x old new {#id}',
    );
  });
  it('keeps tildes that do not strike anything', () => {
    expect(plainText(first('~ a ~ and ~~~ and x~y'))).toBe('~ a ~ and ~~~ and x~y');
  });
});

describe('taskChecked: GitHub task-list markers', () => {
  const items = (md: string) => {
    const tree = parseMarkdown(md);
    const list = children(tree.root)[0];
    return (list ? children(list) : []).map((item) => taskChecked(tree, md, item));
  };
  it('reads [ ], [x] and [X] followed by text', () => {
    expect(items('- [ ] a\n- [x] b\n- [X] `c`\n- [x]\td\n')).toEqual([false, true, true, true]);
  });
  it('is no task without text after the marker, or with other markers', () => {
    expect(items('- [x]\n- [x]   \n- [y] a\n- [x]a\n-  text [x] a\n')).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
  it('takes a marker followed by a line break and more text', () => {
    expect(items('- [x]\n  b\n')).toEqual([true]);
  });
});
