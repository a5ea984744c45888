import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

// The kinds deck: basic, choice, typed, open, in this order. Every card is answered Good twice
// (a new card's two learning steps), so it graduates and comes due in a few days: nothing is due
// an hour later.
const NOW = '2026-03-02T09:00:00Z';
const STEP = '2026-03-02T09:15:00Z';
const LATER = '2026-03-02T10:00:00Z';
const CARDS = ['kinds/basic', 'kinds/choice', 'kinds/typed', 'kinds/open'];
// One answer per card in file order (as cram orders cards equally weak), each card's keys as its
// kind takes them, all in ONE write: reveal (Space, or Enter submitting an empty typed answer)
// and rate Good.
const ANSWER_ALL = ' 3 3\r3 3';

/** Answers `n` cards Good in whatever order they come, each card's keys in one write. */
async function answerEach(app: GrillPty, n: number): Promise<void> {
  for (let done = 0; done < n; done++) {
    const screen = (await app.waitForScreen(`${done} done`)).join('\n');
    app.send(screen.includes('kinds · typed') ? '\r3' : ' 3');
  }
}

function setup() {
  const home = tempDir('grill-e2e-ahead-');
  const content = deckDir();
  const grill = (args: string[], now = LATER) => {
    const r = runGrill(args, { home, now, env: { GRILL_CONTENT: content } });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  for (const now of [NOW, STEP]) for (const card of CARDS) grill(['review', card, '--rating', 'good'], now);
  const history = () =>
    JSON.parse(grill(['history', '--json'])) as { card: string; at: string; ratingName: string }[];
  const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: LATER };
  return { grill, history, env };
}

describe('sessions off the daily queue', () => {
  it('grill drill --cram takes every card once though none is due; each answer is a review', async () => {
    const { grill, history, env } = setup();
    expect(JSON.parse(grill(['next', '--json']))).toBeNull();
    const app = new GrillPty(['drill', '--cram'], env);
    await app.waitForScreen('What does idempotent mean?');
    app.send(ANSWER_ALL);
    const screen = (await app.waitForScreen('Session complete')).join('\n');
    expect(screen).toMatch(/answered +4 answers on 4 cards/);
    app.send('q');
    expect(await app.exit()).toBe(0);
    const answers = history().filter((h) => h.at === new Date(LATER).toISOString());
    expect(answers.map((h) => [h.card, h.ratingName])).toEqual(CARDS.map((c) => [c, 'good']));
  }, 60_000);

  it('home offers study ahead only when nothing is due; it and --ahead take the cards due in the next days', async () => {
    const { history, env } = setup();
    // While cards are due (a fresh collection's new cards), home does not offer it.
    const fresh = { GRILL_HOME: tempDir('grill-e2e-ahead-'), GRILL_CONTENT: deckDir(), GRILL_NOW: NOW };
    const busy = new GrillPty([], fresh, { cols: 80, rows: 30 });
    await busy.waitForScreen('Enter start');
    expect((await busy.screen()).join('\n')).not.toContain('study ahead');
    busy.send('a');
    await busy.waitForScreen('study ahead is for when nothing is due');
    busy.send('q');
    expect(await busy.exit()).toBe(0);

    const app = new GrillPty([], env, { cols: 80, rows: 30 });
    let screen = (await app.waitForScreen('a study ahead')).join('\n');
    expect(screen).toContain('all done for today');
    expect(screen).toContain('4 cards come due in the next 7 days: a studies them now');
    app.send('a');
    // Lowest recall first, then the soonest due: the order of cards equally weak is their due times'.
    await answerEach(app, 4);
    screen = (await app.waitForScreen('Session complete')).join('\n');
    expect(screen).toMatch(/answered +4 answers on 4 cards/);
    app.send('q');
    expect(await app.exit()).toBe(0);
    const answers = history().filter((h) => h.at === new Date(LATER).toISOString());
    expect(answers.map((h) => h.card).sort()).toEqual([...CARDS].sort());

    // The same from the command line, a day later (the cards still not due): --ahead 30.
    const tomorrow = '2026-03-03T10:00:00Z';
    const ahead = new GrillPty(['drill', '--ahead', '30'], { ...env, GRILL_NOW: tomorrow });
    await answerEach(ahead, 4);
    await ahead.waitForScreen('Session complete');
    ahead.send('q');
    expect(await ahead.exit()).toBe(0);
    expect(history().filter((h) => h.at === new Date(tomorrow).toISOString())).toHaveLength(4);
    // --ahead 1 when nothing comes due that soon says so on home.
    const none = new GrillPty(['drill', '--ahead', '1'], { ...env, GRILL_NOW: tomorrow });
    await none.waitForScreen('nothing comes due in the next 1 day');
    none.send('q');
    expect(await none.exit()).toBe(0);
  }, 90_000);

  it('checks the options and says in its help that answers are reviews', () => {
    const home = tempDir('grill-e2e-ahead-');
    const run = (args: string[]) => runGrill(args, { home, now: NOW, env: { GRILL_CONTENT: deckDir() } });
    const bad = run(['drill', '--ahead', 'soon']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('grill: bad --ahead "soon": a number of days, from 1 to 3650\n');
    expect(run(['drill', '--cram', '--ahead', '3']).status).toBe(2);
    const help = run(['drill', '--help']).stdout;
    expect(help).toContain('--cram');
    expect(help).toContain('--ahead <days>');
    expect(help).toMatch(/recorded as normal reviews: FSRS takes the early review into\s+account/);
  });
});
