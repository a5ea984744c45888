import { describe, expect, it } from 'vitest';
import { choiceCorrect, suggestRating, typedMatches } from './answer-check.js';
import { parseDeck } from './parse-deck.js';

const { cards } = parseDeck(
  '---\nid: d\ntitle: D\n---\n\n## Code? {#t}\nkind: typed\n\n### Accept\n- `409`\n- 409 Conflict\n\n## Pick {#c}\nkind: choice\n\n### Options\n- [x] a\n- [ ] b\n- [x] c\n',
  'd.md',
);

describe('answer checks', () => {
  it('matches typed answers ignoring case, backticks and whitespace, against every variant', () => {
    const typed = cards[0];
    if (typed?.kind !== 'typed') throw new Error('fixture');
    for (const ok of ['409', ' `409` ', '409   conflict', '409 CONFLICT'])
      expect(typedMatches(typed, ok), ok).toBe(true);
    for (const bad of ['', '408', '409 conflicts']) expect(typedMatches(typed, bad), bad).toBe(false);
  });

  it('compares typed answers after Unicode normalisation: combining accents, full-width forms', () => {
    const typed = cards[0];
    if (typed?.kind !== 'typed') throw new Error('fixture');
    expect(typedMatches(typed, '４０９ Ｃｏｎｆｌｉｃｔ')).toBe(true);
    const cafe = { ...typed, accept: ['café'] };
    expect(typedMatches(cafe, 'cafe\u0301')).toBe(true);
    expect(typedMatches({ ...typed, accept: ['cafe\u0301'] }, 'CAFÉ')).toBe(true);
    expect(typedMatches(cafe, 'cafe')).toBe(false);
  });

  it('judges a choice answer right only when exactly the correct options are chosen', () => {
    const choice = cards[1];
    if (choice?.kind !== 'choice') throw new Error('fixture');
    expect(choiceCorrect(choice, [0, 2])).toBe(true);
    expect(choiceCorrect(choice, [2, 0])).toBe(true);
    expect(choiceCorrect(choice, [0])).toBe(false);
    expect(choiceCorrect(choice, [0, 1, 2])).toBe(false);
  });

  it('suggests a rating from the rubric points covered', () => {
    expect([0, 1, 2, 3, 4].map((n) => suggestRating(n, 4))).toEqual([1, 1, 2, 3, 4]);
    expect(suggestRating(4, 5)).toBe(3);
  });
});
