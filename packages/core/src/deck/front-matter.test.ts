import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck.js';

const problems = (text: string) =>
  parseDeck(text, 'x.md').problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);

describe('front matter problems, where the author has to look', () => {
  it('says a front matter that opens but never closes is never closed, at its opening ---', () => {
    const { problems: found, deck } = parseDeck(
      '---\nid: x\ntitle: X\n\n## Q {#q}\n\n### Answer\nA\n',
      'x.md',
    );
    expect(deck).toBeNull();
    expect(found.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '1:1 unclosed-front-matter front matter is never closed',
    ]);
    expect(found[0]?.hint).toContain('---');
  });

  it('reports an unclosed flow list or quote at the line and column that open it', () => {
    expect(problems('---\nid: [broken\ntitle: x\n---\n')).toEqual([
      '2:5 bad-front-matter front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(problems('---\nid: x\ntitle: "Demo\ntags: [a]\n---\n').map((p) => p.slice(0, 23))).toEqual([
      '3:8 bad-front-matter fr',
    ]);
    expect(problems('---\nid: x\ntitle: X\ntags: [a, [b\n---\n').map((p) => p.slice(0, 5))).toEqual([
      '4:11 ',
    ]);
  });
});
