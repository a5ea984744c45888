import { afterEach, describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, HOUR, MINUTE, T0, writeDeck } from '../test-support/fixtures.js';
import { cardDetail, closeKeys } from './card-detail.js';
import type { Grill } from './grill.js';
import { history } from './history.js';
import { importPaths } from './import-paths.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

function setup() {
  const env = grillWith({ 'a.md': deckText('a', 3) });
  open.push(env.grill);
  return env;
}

describe('one card in detail', () => {
  it('has the card, its source, its memory state and every answer in effect with the interval it gave', () => {
    const { grill, dir } = setup();
    const intervals: number[] = [];
    for (const [at, rating] of [
      [T0, 3],
      [T0 + 10 * MINUTE, 3],
      [T0 + 3 * DAY, 1],
    ] as const) {
      const { state } = grill.answer('a/c2', rating, at);
      intervals.push((state.due - at) / DAY);
    }
    // An answer undone is no longer in effect.
    grill.answer('a/c2', 4, T0 + 3 * DAY + MINUTE);
    grill.undo(T0 + 3 * DAY + 2 * MINUTE);
    const now = T0 + 3 * DAY + HOUR;
    const d = cardDetail(grill, 'a/c2', now);
    const headingLine =
      deckText('a', 3)
        .split('\n')
        .findIndex((l) => l.startsWith('## Question 2 ')) + 1;
    const state = grill.state('a/c2');
    expect(d).toMatchObject({
      key: 'a/c2',
      deck: 'a',
      title: 'Question 2 of a?',
      status: 'relearning',
      due: state.due,
      stability: state.stability,
      difficulty: state.difficulty,
      lapses: 1,
      reps: 3,
      source: { file: `${dir}/a.md`, line: headingLine },
    });
    expect(d.content.answer).toBe('Answer 2, version 1.');
    expect(d.retrievability).toBeGreaterThan(0);
    expect(d.history.map((a) => [a.ratingName, a.phaseBefore])).toEqual([
      ['good', 'new'],
      ['good', 'learning'],
      ['again', 'review'],
    ]);
    expect(d.history.map((a) => a.intervalDays)).toEqual(intervals);
    // The same answers, in the same order, as grill history lists.
    expect(d.history.map((a) => a.id)).toEqual(history(grill, 'a/c2').map((e) => e.id));
    expect(cardDetail(grill, 'a/c1', now)).toMatchObject({ status: 'new', due: null, history: [] });
  });

  it('refuses a key no card ever had, naming the closest active ones', () => {
    const { grill, dir } = setup();
    expect(() => cardDetail(grill, 'a/c4', T0)).toThrow(
      'unknown card "a/c4" (did you mean a/c1, a/c2 or a/c3?)',
    );
    expect(() => cardDetail(grill, 'c3', T0)).toThrow('unknown card "c3" (did you mean a/c3?)');
    expect(() => cardDetail(grill, 'nothing', T0)).toThrow(
      'unknown card "nothing" (card keys look like deck-id/card-id)',
    );
    expect(() => cardDetail(grill, 'b/something-else', T0)).toThrow(
      'unknown card "b/something-else" (see grill cards)',
    );
    // A retired card is still shown (its history is kept), but not suggested for another key.
    writeDeck(dir, 'a.md', deckText('a', 2));
    importPaths(grill, [dir], T0);
    expect(cardDetail(grill, 'a/c3', T0)).toMatchObject({ key: 'a/c3', retired: true });
    expect(cardDetail(grill, 'a/c2', T0)).toMatchObject({ key: 'a/c2', retired: false });
    expect(() => cardDetail(grill, 'a/c4', T0)).toThrow('unknown card "a/c4" (did you mean a/c1 or a/c2?)');
  });
});

describe('closeKeys', () => {
  const keys = ['sql/n-plus-one', 'sql/indexes', 'http/put-vs-patch', 'auth/put-vs-patch'];
  it('finds keys by card id, then by the fewest typos when few enough', () => {
    expect(closeKeys('put-vs-patch', keys)).toEqual(['http/put-vs-patch', 'auth/put-vs-patch']);
    expect(closeKeys('sql/n-plus-on', keys)).toEqual(['sql/n-plus-one']);
    expect(closeKeys('SQL/Indexes', keys)).toEqual(['sql/indexes']);
    expect(closeKeys('sql/joins', keys)).toEqual([]);
  });
});
