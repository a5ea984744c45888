import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const DOWN = '\u001b[B';

function setup() {
  const home = tempDir('grill-e2e-');
  const content = deckDir();
  // The commands around the drill run on the binary too: one build per database.
  const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: NOW };
  const history = () => {
    const r = runGrill(['history', '--json'], { home, now: NOW, env: { GRILL_CONTENT: content } });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { card: string; ratingName: string; detail?: unknown }[];
  };
  return { env, history };
}

describe('grill in a pseudo-terminal', () => {
  it('drills every card kind from the keyboard, quits, and every answer is in the history', async () => {
    const { env, history } = setup();
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    await app.type(' ');
    await app.waitFor('same effect as once');
    app.mark();
    await app.type('2');
    await app.waitFor('Which methods are idempotent?');
    app.mark();
    await app.type('1', '3', '\r');
    await app.waitFor('Enter = Good');
    app.mark();
    await app.type('\r');
    await app.waitFor('Which status code means Conflict?');
    app.mark();
    await app.type('4', '0', '8', '\r');
    await app.waitFor('✗ wrong');
    app.mark();
    await app.type('\r');
    await app.waitFor("reading 'url'");
    app.mark();
    await app.type(' ', ' ', DOWN, ' ', DOWN, ' ');
    await app.waitFor('covered 3 of 3');
    app.mark();
    await app.type('3');
    await app.waitFor(/4 done · \d+ new · \d+ learning/);
    // The next card is the typed one again (its 1-minute step), where q is text: Ctrl+C quits anywhere.
    await app.type('\u0003');
    expect(await app.exit()).toBe(130);
    expect(history().map((h) => [h.card, h.ratingName, h.detail])).toEqual([
      ['kinds/basic', 'hard', undefined],
      ['kinds/choice', 'good', { chosen: [0, 2], correct: true }],
      ['kinds/typed', 'again', { typed: '408', correct: false }],
      ['kinds/open', 'good', { covered: [0, 1, 2] }],
    ]);
  }, 60_000);

  it('loses no answer when the process is killed mid-session', async () => {
    const { env, history } = setup();
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    await app.type(' ', '3');
    await app.waitFor('Which methods are idempotent?');
    app.mark();
    await app.type('2', '\r', '1');
    await app.waitFor('Which status code means Conflict?');
    app.kill();
    await app.exit();
    expect(history().map((h) => [h.card, h.ratingName])).toEqual([
      ['kinds/basic', 'good'],
      ['kinds/choice', 'again'],
    ]);
  }, 60_000);

  it('opens on the home screen, honours NO_COLOR and fits 60 columns', async () => {
    const { env } = setup();
    const app = new GrillPty([], env, { cols: 60, rows: 30 });
    await app.waitFor('Enter start · d deck');
    // Every frame of the home screen fits 60 columns.
    for (const frame of app.frames())
      for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(60);
    await app.type('q');
    expect(await app.exit()).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that no colour codes were sent
    expect(app.raw()).not.toMatch(/\u001b\[(3\d|9\d|4\d)m/);
    expect(app.text()).toContain('0 due · 0 learning · 4 new');
  }, 60_000);
});
