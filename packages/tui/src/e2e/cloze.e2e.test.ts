import { describe, expect, it } from 'vitest';
import { CLOZE_DECK, deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const NEXT_DAY = '2026-03-03T09:00:00Z';
// The paragraph's two lines flow into one, wrapped at 80 columns.
const QUESTION_1 = 'A method is [a\u00a0property] when repeating it changes nothing more: PUT and DELETE';

function setup(deck = CLOZE_DECK) {
  const home = tempDir('grill-e2e-cloze-');
  const content = deckDir(deck);
  const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: NOW };
  const history = () => {
    const r = runGrill(['history', '--json'], { home, now: NEXT_DAY, env: { GRILL_CONTENT: content } });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { card: string; ratingName: string; detail?: unknown }[];
  };
  return { env, history };
}

describe('cloze cards in the drill', () => {
  it('asks each number with its deletions blanked and the others shown, reveals, rates, and checks a typed one', async () => {
    const { env, history } = setup();
    const app = new GrillPty(['drill'], env);
    // c1: its deletion blanked (with its hint), c2's text shown.
    let screen = (await app.waitForScreen('Idempotent methods')).join('\n');
    expect(screen).toContain(QUESTION_1);
    expect(screen).not.toContain('idempotent when');
    expect(screen).toContain('cloze');
    app.mark();
    await app.type(' ');
    // The whole revealed frame (the footer is drawn last).
    screen = (await app.waitForScreen('Enter = Good')).join('\n');
    expect(screen).toContain('answer: idempotent');
    expect(screen).toContain('A method is idempotent when repeating it changes nothing more: PUT and');
    expect(screen).toContain('Retries rely on it.');
    app.mark();
    await app.type('4');
    // The typed card: the answer field, the blank in the code block, the answer checked.
    screen = (await app.waitForScreen('Go zero values')).join('\n');
    expect(screen).toContain('var m map[string]int // m == [...]');
    app.send('NIL\r');
    screen = (await app.waitForScreen('✓ right')).join('\n');
    expect(screen).toContain('var m map[string]int // m == nil');
    expect(screen).toContain('answer: nil');
    await app.type('4');
    // c2 is not asked today: it would show c1's answer just given, filled in (siblings wait a day).
    await app.waitForScreen('2 answers on 2 cards');
    await app.type('q');
    expect(await app.exit()).toBe(0);
    // The next day: c2, both of its deletions blanked, c1's answer shown.
    const next = new GrillPty(['drill'], { ...env, GRILL_NOW: NEXT_DAY });
    screen = (await next.waitForScreen('more: [...] and [...]')).join('\n');
    expect(screen).toContain('A method is idempotent when');
    await next.type(' ');
    await next.waitForScreen('answer: PUT, DELETE');
    await next.type('1');
    await next.waitFor(/1 done/);
    next.send('\u0003');
    expect(await next.exit()).toBe(130);
    expect(history().map((h) => [h.card, h.ratingName, h.detail])).toEqual([
      ['cloze/idem/c1', 'easy', undefined],
      ['cloze/zero/c1', 'easy', { typed: 'NIL', correct: true }],
      ['cloze/idem/c2', 'again', undefined],
    ]);
  }, 60_000);

  it('highlights the blank, then the revealed answer, when colour is on', async () => {
    const { env } = setup();
    const app = new GrillPty(['drill'], { ...env, NO_COLOR: '' });
    await app.waitFor('[a\u00a0property]');
    // Bold cyan, closed after the blank (the terminal output writes its own closing codes).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reading colour codes
    expect(app.raw()).toMatch(/\u001b\[1m\u001b\[36m\[a\u00a0property\](\u001b\[(22|39|0)m)+ when/);
    app.mark();
    await app.type(' ');
    await app.waitFor('answer: idempotent');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reading colour codes
    expect(app.raw()).toMatch(/\u001b\[1m\u001b\[32midempotent(\u001b\[(22|39|0)m)+ when/);
    // No mark of ours reaches the terminal.
    expect(app.raw()).not.toMatch(/[\u2063\u2064]/);
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
  }, 60_000);

  it('fits a narrow terminal with a tall card, the blank reachable by scrolling', async () => {
    const filler = Array.from({ length: 30 }, (_, i) => `- step ${i + 1} of a long procedure to read first`);
    const deck = CLOZE_DECK.replace(
      'A method is',
      `${filler.join('\n')}\n\nA method, as a long sentence that has to wrap in a narrow terminal, is`,
    );
    const { env } = setup(deck);
    const app = new GrillPty(['drill'], env, { cols: 40, rows: 16 });
    await app.waitForScreen('Idempotent methods');
    await app.waitForScreen(/more lines? below/);
    app.send('\u001b[F'); // End: to the bottom of the card
    const screen = (await app.waitForScreen('[a\u00a0property]')).join('\n');
    expect(screen).not.toContain('idempotent when');
    // Revealed where the user was looking: the answer in the text; the answer line further down.
    app.send(' ');
    await app.waitForScreen('idempotent when');
    app.send('\u001b[F');
    await app.waitForScreen('answer: idempotent');
    for (const frame of app.frames())
      for (const line of frame) expect(GrillPty.width(line), line).toBeLessThanOrEqual(40);
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
  }, 60_000);
});
