import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck.js';

const FRONT = '---\nid: demo\ntitle: Demo\n---\n';
// The card's heading is on line 6; its section's first item on line 10.
const card = (kind: string, section: string, list: string) =>
  parseDeck(`${FRONT}\n## Q {#q}\nkind: ${kind}\n\n### ${section}\n${list}\n### Answer\nA.\n`, 'd.md');
const at = (list: string, kind = 'typed', section = 'Accept') =>
  card(kind, section, list).problems.map((p) => `${p.line}:${p.column} ${p.code}`);

describe('flat lists: accepted answers, options and rubric points are one level deep', () => {
  it('reports a list nested in an accepted answer instead of gluing "1" and "2" into "12"', () => {
    const { problems, cards } = card('typed', 'Accept', '- 1\n  - 2\n');
    expect(cards).toEqual([]);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['11:3 nested-list']);
    expect(problems[0]?.message).toBe(
      '### Accept takes a flat list, but this list sits inside an accepted answer',
    );
    expect(problems[0]?.hint).toContain('un-indent');
  });

  it('reports a task list nested in an option instead of leaking it into the option text', () => {
    expect(at('- [ ] outer\n  - [ ] inner\n- [x] right\n', 'choice', 'Options')).toEqual([
      '11:3 nested-list',
    ]);
  });

  it('reports a list nested in a rubric point', () => {
    expect(at('- logs\n  1. stack trace\n- config\n', 'open', 'Rubric')).toEqual(['11:3 nested-list']);
  });

  it('reports any other block inside an item: a code block, a quote, a second paragraph', () => {
    expect(at('- [x] a\n\n  ```\n  code\n  ```\n- [ ] b\n', 'choice', 'Options')).toEqual([
      '12:3 nested-block',
    ]);
    expect(at('- 409\n  > quoted\n')).toEqual(['11:3 nested-block']);
    const second = card('open', 'Rubric', '- point\n\n  more about it\n- other\n').problems;
    expect(second.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['12:3 nested-block']);
    expect(second[0]?.message).toBe(
      'a rubric point is one paragraph of text, but this one also holds a paragraph',
    );
  });

  it('still takes an item whose text wraps onto an indented line', () => {
    const { problems, cards } = card('open', 'Rubric', '- a point that\n  wraps\n- b\n');
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ rubric: ['a point that\n  wraps', 'b'] });
  });
});

describe('one list per section: a changed marker starts a new list in CommonMark', () => {
  it('says an option whose bullet changed from - to * starts a second list, and reads both', () => {
    const { problems } = card('choice', 'Options', '- [x] a\n* [ ] b\n');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['11:1 split-list']);
    expect(problems[0]?.message).toBe(
      '### Options must be one list, but this option starts a second one: its marker changed from - to *',
    );
    expect(problems[0]?.hint).toContain('same marker');
  });

  it('says so for accepted answers, rubric points and ordered lists too', () => {
    expect(at('- 409\n+ 409 Conflict\n')).toEqual(['11:1 split-list']);
    expect(at('1. logs\n2) config\n', 'open', 'Rubric')).toEqual(['11:1 split-list']);
    expect(card('open', 'Rubric', '1. logs\n2) config\n').problems[0]?.message).toContain('from 1. to 2)');
  });

  it('says a list separated from the first by other text starts a second list', () => {
    const { problems } = card('typed', 'Accept', '- 409\n\nor\n\n- 409 Conflict\n');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['14:1 split-list']);
    expect(problems[0]?.message).toBe(
      '### Accept must be one list, but this accepted answer starts a second one: something between them ended the first',
    );
  });
});
