import { describe, expect, it } from 'vitest';
import { choiceCorrect, normalizeTyped, suggestRating, typedMatches } from './answer-check.js';
import type { TypedCard } from './model.js';
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

  const typedCard = (...accept: string[]): TypedCard => {
    const typed = cards[0];
    if (typed?.kind !== 'typed') throw new Error('fixture');
    return { ...typed, accept };
  };
  const expectMatches = (card: TypedCard, right: string[], wrong: string[]) => {
    for (const ok of right) expect(typedMatches(card, ok), `${ok} should match ${card.accept}`).toBe(true);
    for (const bad of wrong)
      expect(typedMatches(card, bad), `${bad} should not match ${card.accept}`).toBe(false);
  };

  it('reads superscript digits as a power', () => {
    expect(normalizeTyped('O(n²)')).toBe(normalizeTyped('O(n^2)'));
    expect(normalizeTyped('2ⁿ')).toBe('2^n');
    expect(normalizeTyped('n¹⁰')).toBe('n^10');
    expectMatches(typedCard('O(n^2)'), ['O(n²)', 'o(n ^ 2)'], ['O(n2)', 'O(n)', 'O(2n)']);
  });

  it('drops one sentence-final full stop, but never a "." that is an argument or part of ".."', () => {
    expectMatches(typedCard('SIGTERM'), ['SIGTERM.', ' sigterm. '], ['SIGTERM..', 'SIGTERM .', '.SIGTERM']);
    expectMatches(typedCard('O(n)'), ['O(n).'], ['O(n^2).']);
    expectMatches(typedCard('git add .'), ['git add .', ' GIT  add . '], ['git add', 'git add..']);
    expectMatches(typedCard('git add'), ['git add.'], ['git add .']);
    expectMatches(typedCard('cd ..'), ['cd ..'], ['cd .', 'cd']);
    expectMatches(typedCard('git add src/.'), ['git add src/.'], ['git add src/', 'git add src']);
  });

  it('drops one pair of quotes around the whole answer, straight or curly', () => {
    expectMatches(
      typedCard('none'),
      ['"none"', "'none'", '“none”', '‘none’', '"none".', '"none."', '«none»', '` "none" `'],
      ['"none', 'none"', '"none\'', '""none""', 'nones'],
    );
    expectMatches(typedCard('"a" + "b"'), ['"a" + "b"'], ['a" + "b']);
    expectMatches(typedCard('""'), ['""'], ['', '"']);
  });

  it('ignores whitespace inside O(…), Θ(…) and Ω(…), and reads × · ⋅ there as *', () => {
    expectMatches(
      typedCard('O(n^2)'),
      ['O(n ^ 2)', 'o(n^2)', 'O (n^2)', 'O( n^2 )', 'O(n²)'],
      ['O(n)', 'O(n^3)', 'O(2^n)', 'n^2 O', 'O(n^2'],
    );
    expectMatches(typedCard('O(n*n)'), ['O(n * n)', 'O(n × n)', 'O(n·n)', 'O(n ⋅ n)'], ['O(n + n)', 'O(n)']);
    expectMatches(
      typedCard('O(n log n)'),
      ['O(nlogn)', 'O(n logn)', 'O(nlog n)'],
      ['O(log n)', 'O(n)', 'O(n log log n)'],
    );
    expectMatches(typedCard('O(log n)'), ['O(logn)', 'O( log n )', 'O(log(n))'], ['O(n log n)', 'O(n)']);
    expectMatches(typedCard('O(V + E)'), ['O(V+E)', 'o(v + e)'], ['O(V * E)', 'O(E + V)', 'O(V)']);
    // Θ is a tight bound, so it is an O as well; Ω is not.
    expectMatches(typedCard('Θ(n log n)'), ['θ(nlogn)', 'Θ (n log n)', 'O(n log n)'], ['Ω(n log n)']);
    expectMatches(
      typedCard('O(n) worst case'),
      ['O( n ) worst case', 'o(n) worst case.'],
      ['O(n)', 'O(n)worst case'],
    );
    expect(normalizeTyped('echo(x y)')).toBe('echo(x y)'); // an o ending a word opens no group
  });

  it('reads the notations of one Big-O alike: log bases, lg, log(n), a written *, a trailing "time"', () => {
    expectMatches(
      typedCard('O(log n)'),
      ['O(lg n)', 'O(log2 n)', 'O(log_2 n)', 'O(log₂ n)', 'O(log2(n))', 'O(log n) time'],
      ['O(n log n)', 'O(log log n)', 'O(n)', 'O(log n) space'],
    );
    expectMatches(
      typedCard('O(n log n)'),
      ['O(n lg n)', 'O(n*log(n))', 'O(n * log n)', 'O(n·log n)', 'O(n log2 n) time', 'Θ(n log n)'],
      ['O(n + log n)', 'O(log n)', 'Ω(n log n)', 'O(n^2 log n)'],
    );
    expectMatches(typedCard('O(n^2)'), ['O(n^2) time', 'θ(n²)'], ['O(n^2) timed', 'O(n^2)time x']);
  });

  it('takes a status code as HTTP 409, with its reason phrase in brackets, or the phrase alone', () => {
    expectMatches(
      typedCard('409 Conflict'),
      ['409 conflict', 'HTTP 409 Conflict', '409 (Conflict)', 'Conflict', 'conflict.'],
      ['409', 'HTTP', '410 Gone', 'Conflicts'],
    );
    expectMatches(typedCard('409'), ['HTTP 409', 'http 409.'], ['409 Conflict', 'HTTP 4090', '40 9']);
  });

  it('takes any one word for a <placeholder> of an accepted answer', () => {
    expectMatches(
      typedCard('git add -p <file>'),
      ['git add -p app.ts', 'git add -p src/app.ts', 'git add -p <file>'],
      ['git add -p', 'git add -p a b', 'git add -p ..', 'git add -P app.ts', 'git add app.ts'],
    );
    expectMatches(typedCard('USER <user>'), ['USER appuser', 'user 1000'], ['USER', 'USER app user']);
  });

  it('keeps the case of short options, drops a final semicolon, and ignores spaces around =', () => {
    expectMatches(typedCard('git add -p'), ['GIT ADD -p'], ['git add -P']);
    expectMatches(
      typedCard('git restore --staged app.ts'),
      ['git restore --STAGED app.ts'],
      ['git restore -s app.ts'],
    );
    expectMatches(typedCard('vi.useFakeTimers()'), ['vi.useFakeTimers();'], ['vi.useFakeTimers();;']);
    expectMatches(
      typedCard('NODE_ENV=production'),
      ['NODE_ENV = production', 'node_env= production'],
      ['NODE_ENV production'],
    );
  });

  it('ignores whitespace around operators and brackets in math-like answers', () => {
    expectMatches(typedCard('n^2'), ['n ^ 2', 'N ^2', 'n²'], ['n2', 'n^3', 'n * 2', '2^n']);
    expectMatches(
      typedCard('prefix[j + 1] - prefix[i]'),
      ['prefix[j+1]-prefix[i]', 'prefix [ j + 1 ] - prefix [ i ]', 'PREFIX[J + 1] - PREFIX[I]'],
      ['prefix[j] - prefix[i]', 'prefix[j + 1] - prefix[i - 1]', 'prefix[i] - prefix[j + 1]'],
    );
    expectMatches(typedCard('n + m'), ['n+m', 'n  +  m'], ['n * m', 'm + n', 'n']);
    expectMatches(typedCard('n/2'), ['n / 2'], ['2/n', 'n 2']);
    expectMatches(typedCard('n*m'), ['n × m', 'n · m'], ['n + m', 'nm']);
    expectMatches(typedCard('max(n, m)'), ['max(n,m)', 'MAX( n , m )'], ['max(m, n)', 'max(nm)', 'max n, m']);
    expectMatches(typedCard('log(n)'), ['log (n)', 'log( n )'], ['log n', 'n log(n)']);
    expectMatches(typedCard('n log n'), ['N  log  n'], ['nlogn', 'log n', 'n log']);
  });

  it('keeps the spaces of commands and prose: flags, paths and arguments mean what they say', () => {
    expectMatches(
      typedCard('git add -p', 'git add --patch', 'git add -p .'),
      ['git add -p', 'GIT ADD --PATCH', '`git add -p .`', 'git add -p.'],
      [
        'git add p',
        'git add-p',
        'git add - p',
        'git add -- patch',
        'git add --p atch',
        'git add -p ..',
        'git add -P x',
      ],
    );
    expectMatches(
      typedCard('git reset -- app.ts'),
      ['git reset -- app.ts'],
      ['git reset --app.ts', 'git reset-- app.ts'],
    );
    expectMatches(
      typedCard('git add src/lib'),
      ['git add src/lib'],
      ['git add src /lib', 'git add src/ lib'],
    );
    expectMatches(typedCard('chmod +x run.sh'), ['chmod +x run.sh'], ['chmod+x run.sh', 'chmod + x run.sh']);
    expectMatches(
      typedCard('git rebase -i HEAD~3'),
      ['git rebase -i head~3'],
      ['git rebase-i HEAD~3', 'git rebase -i HEAD~ 3'],
    );
    expectMatches(
      typedCard('CHECK (price >= 0)'),
      ['check (price >= 0)'],
      ['CHECK(price >= 0)', 'CHECK (price>=0)'],
    );
    expectMatches(typedCard('sorted set'), ['Sorted  Set'], ['sortedset', 'sorted-set']);
    expectMatches(typedCard('n -m'), ['n -m'], ['n-m', 'n - m']);
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
