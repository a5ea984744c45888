import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

describe('grill review: what was answered must fit the card', () => {
  it('refuses options or rubric points the card does not have, the same one twice, and details of another kind; records nothing', async () => {
    const home = tempDir('grill-detail-');
    const content = deckDir();
    const run = (args: string[]) => grill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
    const cases: [string[], string][] = [
      [['kinds/open', '--covered', '4'], '--covered 4: the card has 3 rubric points (1-3)'],
      [['kinds/open', '--covered', '1,1'], '--covered names 1 twice'],
      [['kinds/basic', '--covered', '1'], '--covered is for open cards; kinds/basic is a basic card'],
      [['kinds/open', '--chosen', '1'], '--chosen is for choice cards; kinds/open is an open card'],
      [['kinds/choice', '--chosen', '9'], '--chosen 9: the card has 3 options (1-3)'],
      [['kinds/choice', '--typed', 'PUT'], '--typed is for typed cards; kinds/choice is a choice card'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['review', ...args, '--rating', 'good']);
      expect(r.stderr, args.join(' ')).toBe(`grill: ${message}\n`);
      expect(r.status).toBe(1);
    }
    expect(JSON.parse((await run(['history', '--json'])).stdout)).toEqual([]);
    const ok = await run(['review', 'kinds/open', '--rating', 'good', '--covered', '2,1']);
    expect(ok.status, ok.stderr).toBe(0);
  });
});

describe('grill review --typed / --chosen: says whether the answer was right', () => {
  it('prints (answer right) or (answer wrong) after what was recorded, and correct in JSON', async () => {
    const home = tempDir('grill-detail-');
    const content = deckDir();
    const run = (args: string[]) =>
      grill(['review', ...args], { home, now: NOW, env: { GRILL_CONTENT: content } });
    expect((await run(['kinds/typed', '--rating', 'good', '--typed', 'HTTP 409'])).stdout).toMatch(
      /^kinds\/typed: good — next in \S+ \(answer right\)\n$/,
    );
    expect((await run(['kinds/typed', '--rating', 'again', '--typed', '410'])).stdout).toMatch(
      /\(answer wrong\)\n$/,
    );
    const json = JSON.parse(
      (await run(['kinds/choice', '--rating', 'good', '--chosen', '1', '--json'])).stdout,
    );
    expect(json).toMatchObject({ card: 'kinds/choice', correct: false });
    expect((await run(['kinds/basic', '--rating', 'good'])).stdout).not.toMatch(/answer/);
  });
});
