// `grill cards` and `grill show` with GRILL_HOME, GRILL_NOW and a deck folder of our own as the
// bundled content: run as the built binary, the many filter and option cases in this process (the
// same output, much cheaper). Output goes to a pipe: no terminal width unless COLUMNS says.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GrillResult, grill, runGrill, tempDir } from '../test-support/run-grill.js';

const DECK = `---
id: web
title: Web
tags: [web]
---

## When is \`PUT\` idempotent? {#put}

### Answer
Always: repeating it leaves the same state.

## What does a 401 status mean? {#status-401}
tags: auth

### Answer
The request has no valid credentials.

## A long question about the N+1 query problem, which will not fit on one line of a narrow terminal window? {#n-plus-one}

### Answer
One query per row, after the list query.
`;

type Run = (args: string[], now?: string, env?: Record<string, string>) => Promise<GrillResult>;

/**
 * web/put in review (two Goods), web/status-401 learning (Again), web/n-plus-one suspended; the
 * commands run a day later. With `inProcess`, every command runs in this process on the sources
 * (test-support/run-grill.ts `grill`: the binary's output, some thirty times cheaper), else as
 * the built binary.
 */
async function study(inProcess = false): Promise<{ run: Run; content: string }> {
  const home = tempDir('grill-home-');
  const content = tempDir('grill-content-');
  writeFileSync(path.join(content, 'web.md'), DECK);
  const run: Run = async (args, now = '2026-03-03T09:00:00Z', env = {}) => {
    const opts = { home, now, env: { GRILL_CONTENT: content, ...env } };
    return inProcess ? grill(args, opts) : runGrill(args, opts);
  };
  for (const [args, now] of [
    [['review', 'web/put', '--rating', 'good'], '2026-03-02T09:00:00Z'],
    [['review', 'web/put', '--rating', 'good'], '2026-03-02T09:10:00Z'],
    [['review', 'web/status-401', '--rating', 'again'], '2026-03-02T09:10:00Z'],
    [['suspend', 'web/n-plus-one'], '2026-03-02T09:10:00Z'],
  ] as const)
    expect((await run([...args], now)).status).toBe(0);
  return { run, content };
}
// Made once each, when first needed: the commands tested only read.
let binary: ReturnType<typeof study> | undefined;
let sources: ReturnType<typeof study> | undefined;
const studied = () => {
  binary ??= study();
  return binary;
};
const studiedInProcess = () => {
  sources ??= study(true);
  return sources;
};

describe('grill cards', () => {
  it('lists the cards one a line: key, state, due day, stability, recall now, lapses, question', async () => {
    const { run } = await studied();
    const r = await run(['cards']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'key             state      due         stability  recall  lapses  title',
        'web/put         review     2026-03-04         2d     95%       0  When is `PUT` idempotent?',
        'web/status-401  learning   2026-03-02         5h     77%       0  What does a 401 status mean?',
        'web/n-plus-one  suspended  -                   -       -       0  A long question about the N+1 query problem, which will not fit on one line of a narrow terminal window?',
        '',
      ].join('\n'),
    );
  });

  it('fits the terminal width: the question is cut with …, the key never', async () => {
    const { run } = await studied();
    const r = await run(['cards'], undefined, { COLUMNS: '80' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.length)).toEqual([71, 80, 80, 80]);
    expect(lines[3]).toBe('web/n-plus-one  suspended  -                   -       -       0  A long questi…');
  });

  it('on a narrow terminal drops due, recall, lapses and stability before the title gets unreadable', async () => {
    const { run } = await studied();
    const narrow = (await run(['cards'], undefined, { COLUMNS: '40' })).stdout.trimEnd().split('\n');
    expect(narrow[0]).toBe('key             state      title');
    expect(narrow.map((l) => l.length)).toEqual([32, 40, 40, 40]);
    const medium = (await run(['cards'], undefined, { COLUMNS: '56' })).stdout.trimEnd().split('\n');
    expect(medium[0]).toBe('key             state      due         title');
    expect(Math.max(...medium.map((l) => l.length))).toBe(56);
  });

  it('prints JSON: key, deck, title, state, due and the memory state of each card', async () => {
    const { run } = await studied();
    const r = await run(['cards', '--json', '--sort', 'due']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((c) => c.key)).toEqual(['web/status-401', 'web/put', 'web/n-plus-one']);
    expect(list[1]).toMatchObject({
      key: 'web/put',
      deck: 'web',
      kind: 'basic',
      title: 'When is `PUT` idempotent?',
      tags: ['web'],
      state: 'review',
      due: expect.stringMatching(/^2026-03-04T/),
      stability: expect.any(Number),
      difficulty: expect.any(Number),
      retrievability: expect.any(Number),
      lapses: 0,
      reps: 2,
      suspended: false,
      leech: false,
    });
    expect(list[2]).toMatchObject({ state: 'suspended', suspended: true, due: null, retrievability: null });
  });

  it('filters: --search over question and answer, --state, --tag, --due-before, --limit', async () => {
    const { run } = await studiedInProcess();
    const keys = async (args: string[]) => {
      const r = await run(['cards', ...args, '--json']);
      expect([r.status, r.stderr]).toEqual([0, '']);
      return (JSON.parse(r.stdout) as { key: string }[]).map((c) => c.key);
    };
    expect(await keys(['--search', 'PUT'])).toEqual(['web/put']);
    expect(await keys(['--search', 'N+1'])).toEqual(['web/n-plus-one']);
    expect(await keys(['--search', '401'])).toEqual(['web/status-401']);
    expect(await keys(['--search', 'credentials'])).toEqual(['web/status-401']);
    expect(await keys(['--search', '"AND" OR ('])).toEqual([]);
    expect(await keys(['--state', 'suspended'])).toEqual(['web/n-plus-one']);
    expect(await keys(['--state', 'learning'])).toEqual(['web/status-401']);
    expect(await keys(['--tag', 'auth'])).toEqual(['web/status-401']);
    expect(await keys(['--due-before', '2026-03-04'])).toEqual(['web/status-401']);
    expect(await keys(['--limit', '1'])).toEqual(['web/put']);
    const none = await run(['cards', '--search', 'kubernetes']);
    expect([none.status, none.stdout]).toEqual([0, 'no cards\n']);
  });

  it('refuses bad options with one line and exit 1', async () => {
    const { run } = await studiedInProcess();
    for (const [args, message] of [
      [['--state', 'old'], 'bad --state "old": one of new, learning, review, suspended, buried, leech'],
      [['--sort', 'title'], 'bad --sort "title": one of due, lapses, retrievability, deck'],
      [['--limit', '0'], 'bad --limit "0": a positive whole number'],
      [['--limit', '2x'], 'bad --limit "2x": a positive whole number'],
      [['--due-before', '2026-02-30'], 'bad --due-before "2026-02-30": a date like 2026-12-15'],
      [['--deck', 'nope'], 'unknown deck "nope" (see grill decks)'],
      [['--tag', 'nope'], 'unknown tag "nope" (no card has it)'],
    ] as const)
      expect(await run(['cards', ...args])).toEqual({ status: 1, stdout: '', stderr: `grill: ${message}\n` });
  });
});

describe('grill show', () => {
  it('shows the card, its memory state, due day, flags, source and answers', async () => {
    const { run, content } = await studied();
    const r = await run(['show', 'web/put']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'web/put  [basic]  web',
        '',
        'When is `PUT` idempotent?',
        '',
        '1 again 10m · 2 hard 6d · 3 good 9d · 4 easy 14d',
        '',
        'answer:',
        'Always: repeating it leaves the same state.',
        '',
        'phase       review',
        'flags       -',
        'due         2026-03-04 (in 1d)',
        'stability   2.31 days',
        'difficulty  2.11',
        'recall now  95%',
        'answers     2, lapses 0',
        `source      ${path.join(content, 'web.md')}:7`,
        '',
        'history:',
        '2026-03-02T09:00:00.000Z  good   new         next in 10m',
        '2026-03-02T09:10:00.000Z  good   learning    next in 2d',
        '',
      ].join('\n'),
    );
    expect((await run(['show', 'web/n-plus-one'])).stdout).toContain('\nflags       suspended\n');
  });

  it('prints JSON with the memory state, the source and the answer history', async () => {
    const { run, content } = await studied();
    const r = await run(['show', 'web/put', '--json']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const card = JSON.parse(r.stdout);
    expect(card).toMatchObject({
      key: 'web/put',
      title: 'When is `PUT` idempotent?',
      answer: 'Always: repeating it leaves the same state.',
      state: 'review',
      due: '2026-03-04T09:10:00.000Z',
      stability: expect.closeTo(2.3065, 4),
      difficulty: expect.any(Number),
      retrievability: expect.closeTo(0.95, 2),
      source: { file: path.join(content, 'web.md'), line: 7 },
      history: [
        { at: '2026-03-02T09:00:00.000Z', ratingName: 'good', phaseBefore: 'new', interval: '10m' },
        { at: '2026-03-02T09:10:00.000Z', ratingName: 'good', phaseBefore: 'learning', intervalDays: 2 },
      ],
    });
    // The same answers as grill history.
    const history = JSON.parse((await run(['history', 'web/put', '--json'])).stdout) as { id: string }[];
    expect(card.history.map((a: { id: string }) => a.id)).toEqual(history.map((e) => e.id));
  });

  it('refuses an unknown card with one line naming the closest keys, exit 1', async () => {
    const { run } = await studied();
    expect(await run(['show', 'web/put-x'])).toEqual({
      status: 1,
      stdout: '',
      stderr: 'grill: unknown card "web/put-x" (did you mean web/put?)\n',
    });
    expect((await run(['show', 'status-401'])).stderr).toBe(
      'grill: unknown card "status-401" (did you mean web/status-401?)\n',
    );
    expect((await run(['show'])).status).toBe(2);
  });
});

describe('grill show of a cloze card', () => {
  it('prints what the asked number hides, as show does for every kind', async () => {
    const home = tempDir('grill-home-');
    const content = tempDir('grill-content-');
    writeFileSync(
      path.join(content, 'http.md'),
      '---\nid: http\ntitle: HTTP\n---\n\n## Idempotent methods {#idem}\nkind: cloze\n\n{{c1::PUT}} and {{c1::DELETE}} are; {{c2::POST}} is not.\n',
    );
    const r = await grill(['show', 'http/idem/c1'], {
      home,
      now: '2026-03-02T09:00:00Z',
      env: { GRILL_CONTENT: content },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nc1: PUT, DELETE\n/);
  });
});

describe('a card gone from its deck file (retired)', () => {
  it('keeps its history: grill history CARD and grill show still find it, and show says it is retired', async () => {
    const home = tempDir('grill-home-');
    const content = tempDir('grill-content-');
    const deck = (c2: string) =>
      `---\nid: http\ntitle: HTTP\n---\n\n## Idempotent methods {#idem}\nkind: cloze\ntyped: yes\n\n{{c1::PUT}} is${c2}.\n`;
    writeFileSync(path.join(content, 'http.md'), deck('; {{c2::POST}} is not'));
    const run = (args: string[], now: string) => grill(args, { home, now, env: { GRILL_CONTENT: content } });
    const answered = await run(
      ['review', 'http/idem/c2', '--rating', 'again', '--typed', 'PATCH'],
      '2026-03-02T09:00:00Z',
    );
    expect(answered.status, answered.stderr).toBe(0);
    // The second deletion is edited out: the number is retired at the next start.
    writeFileSync(path.join(content, 'http.md'), deck(''));
    const history = await run(['history', 'http/idem/c2'], '2026-03-03T09:00:00Z');
    expect(history.status, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/again .* http\/idem\/c2/);
    const shown = await run(['show', 'http/idem/c2'], '2026-03-03T09:00:00Z');
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/flags\s+retired \(no longer in its deck file/);
    expect(shown.stdout).toMatch(/again .*typed "PATCH" \(wrong\)/);
    const json = JSON.parse((await run(['show', 'http/idem/c2', '--json'], '2026-03-03T09:00:00Z')).stdout);
    expect(json).toMatchObject({ key: 'http/idem/c2', retired: true });
    expect(json.history[0].detail).toMatchObject({ typed: 'PATCH', correct: false });
    // A key no card ever had is still unknown, for both.
    for (const command of ['history', 'show']) {
      const unknown = await run([command, 'http/idem/c3'], '2026-03-03T09:00:00Z');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/unknown card "http\/idem\/c3" \(did you mean http\/idem\/c1\?\)/);
    }
  });
});
