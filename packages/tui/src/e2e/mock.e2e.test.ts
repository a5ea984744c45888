import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

// Two topics of open questions: http (two questions, three rubric points each) and sql (one,
// two points); a basic card a mock interview never asks.
const HTTP = `---
id: http
title: HTTP
---

## What makes a method idempotent? {#idempotent}
kind: open

### Rubric
- Same effect whether sent once or many times
- PUT and DELETE are, POST is not
- It makes retries safe

### Answer
Sending it twice has the effect of sending it once.

## The API returns 500 after a deploy. How do you debug it? {#500}
kind: open

### Rubric
- Read the logs first
- Spot the missing config value
- Roll back or fix the config

### Answer
The config value is missing in production.

## What is a header? {#header}

### Answer
A name and a value sent with the request.
`;
const SQL = `---
id: sql
title: SQL
---

## When does an index not help? {#index}
kind: open

### Rubric
- When most rows match
- When a function wraps the column

### Answer
When the query reads most of the table anyway.
`;

const T0 = Date.parse('2026-03-02T09:00:00Z');
const DOWN = '\u001b[B';
const QUESTIONS = ['What makes a method idempotent?', 'How do you debug it?', 'When does an index not help?'];

describe('grill mock in a pseudo-terminal', () => {
  it('counts each question down on the clock, reveals when time is up, records marked answers, reports per topic', async () => {
    const home = tempDir('grill-e2e-mock-');
    const content = deckDir(HTTP);
    writeFileSync(path.join(content, 'sql.md'), SQL);
    // The clock the binary reads (GRILL_NOW=@FILE): moved by replacing the file, as one write.
    const clockFile = path.join(tempDir('grill-e2e-clock-'), 'now');
    const setClock = (ms: number) => {
      writeFileSync(`${clockFile}.new`, new Date(ms).toISOString());
      renameSync(`${clockFile}.new`, clockFile);
    };
    setClock(T0);
    const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: `@${clockFile}` };
    const app = new GrillPty(['mock', '--minutes', '5', '--per-card', '1m'], env);
    const question = async () => {
      const screen = (await app.screen()).join('\n');
      const asked = QUESTIONS.find((q) => screen.includes(q));
      expect(asked, screen).toBeDefined();
      return asked as string;
    };

    // The first question, its countdown running with the clock.
    let screen = (await app.waitForScreen('1:00 to answer')).join('\n');
    expect(screen).toContain('0 answered · 2 more questions · 5:00 left in the interview');
    expect(screen).toContain('Answer aloud');
    expect(screen).toMatch(/Space show answer · .*q end/);
    expect(screen).not.toContain('Rubric');
    const first = await question();
    setClock(T0 + 30_000);
    await app.waitForScreen('0:30 to answer');
    // The countdown runs out: the model answer and the rubric are shown without a key.
    setClock(T0 + 61_000);
    screen = (await app.waitForScreen("time's up")).join('\n');
    expect(screen).toContain('Rubric — tick what you covered');
    expect(screen).toMatch(/1-4 rate · ↑↓ move · Space tick/);
    // Tick two points and confirm the suggested rating, in one write.
    app.send(` ${DOWN} \r`);
    await app.waitForScreen('1 answered · 1 more question');

    // The second: answered before the countdown ends, rated Good, nothing ticked.
    const second = await question();
    expect(second).not.toBe(first);
    await app.waitForScreen('1:00 to answer');
    app.send(' 3');
    await app.waitForScreen('2 answered · 0 more questions');

    // The third: the interview's minutes run out meanwhile; its countdown reveals it, and after
    // its answer no question is left to ask: the report.
    const third = await question();
    expect(new Set([first, second, third]).size).toBe(3);
    setClock(T0 + 5 * 60_000 + 1_000);
    await app.waitForScreen("time's up");
    app.send(` ${DOWN}1`);
    screen = (await app.waitForScreen('Mock interview over')).join('\n');
    expect(screen).toMatch(/3 answers in \d+:\d\d · covered \d of 8 rubric points/);
    // Per topic: points covered, time per answer, the points missed.
    expect(screen).toMatch(/^http +\d\/6 points \(\d+%\) · \d+:\d\d per answer · 2 answers$/m);
    expect(screen).toMatch(/^sql +\d\/2 points \(\d+%\) · \d+:\d\d per answer · 1 answer$/m);
    expect(screen).toContain('most often missed:');
    expect(screen).toMatch(/q quit/);
    app.send('q');
    expect(await app.exit()).toBe(0);
    expect(app.text()).toContain('grill: 3 answers on 3 cards, all saved');
    for (const frame of app.frames())
      for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(80);

    // Real reviews, each marked with the interview (its start).
    const grill = (args: string[]) => {
      const r = runGrill(args, { home, now: '2026-03-02T10:00:00Z', env: { GRILL_CONTENT: content } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const answers = JSON.parse(grill(['history', '--json'])) as {
      card: string;
      ratingName: string;
      durationMs: number;
      detail: { covered: number[]; mock: number };
    }[];
    expect(answers.map((a) => a.detail.mock)).toEqual([T0, T0, T0]);
    expect(answers[0]?.detail.covered).toEqual([0, 1]);
    expect(answers[0]?.durationMs).toBe(61_000);
    expect(answers[1]).toMatchObject({ ratingName: 'good', detail: { covered: [] } });
    expect(answers[2]).toMatchObject({ ratingName: 'again', detail: { covered: [0] } });
    expect(answers.map((a) => a.card).sort()).toEqual(['http/500', 'http/idempotent', 'sql/index']);
    // grill stats lists the interview.
    expect(grill(['stats'])).toMatch(
      /^mock interviews\n {2}2026-03-02 \d\d:00 {2}3 cards +\d\/8 rubric points covered/m,
    );
    const stats = JSON.parse(grill(['stats', '--json'])) as { mocks: { session: number; cards: number }[] };
    expect(stats.mocks).toMatchObject([{ session: T0, cards: 3, answers: 3, points: 8 }]);
  }, 90_000);

  it('says why when there is nothing to ask, and checks its options', () => {
    const home = tempDir('grill-e2e-mock-');
    const content = deckDir(HTTP);
    writeFileSync(
      path.join(content, 'basics.md'),
      '---\nid: basics\ntitle: Basics\n---\n\n## What is a port? {#port}\n\n### Answer\nA number.\n',
    );
    const run = (args: string[]) =>
      runGrill(args, { home, now: '2026-03-02T09:00:00Z', env: { GRILL_CONTENT: content } });
    const none = run(['mock', '--deck', 'basics']);
    expect(none.status).toBe(1);
    expect(none.stderr).toBe(
      'grill: no open questions to ask there: a mock interview asks open cards (explanations, debugging scenarios)\n',
    );
    expect(run(['mock', '--tag', 'nope']).stderr).toMatch(/unknown tag "nope"/);
    expect(run(['mock', '--deck', 'nope']).stderr).toMatch(/unknown deck "nope"/);
    const bad = run(['mock', '--per-card', '2 minutes']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad --per-card "2 minutes": a time like 90s, 2m or 1m30s/);
    expect(run(['mock', '--minutes', '0']).stderr).toMatch(/bad --minutes "0"/);
    // Options checked, no terminal: the interview needs one.
    expect(run(['mock']).stderr).toMatch(/needs an interactive terminal/);
    expect(run(['mock', '--help']).stdout).toMatch(/--per-card <time>/);
  });
});
