import { Grill } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { createEmptyCard, default_w, fsrs, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

describe('grill optimize', () => {
  it('with little history keeps the weights in use and says how many answers are missing; --json has the fields', async () => {
    const home = tempDir('grill-optimize-');
    const content = deckDir();
    const run = (args: string[]) => grill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
    await run(['review', 'kinds/basic', '--rating', 'good']);
    const text = await run(['optimize']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toBe(
      '1 answer on 1 card, 0 reviews a day or more after the one before.\nKept: 0 reviews a day or more after the one before so far (same-day steps do not count): 400 more are needed before fitted weights can be trusted (the weights in use stay).\n',
    );
    const json = JSON.parse((await run(['optimize', '--json', '--dry-run'])).stdout);
    for (const field of ['reviews', 'adopted', 'reason', 'before', 'after', 'weights'])
      expect(json).toHaveProperty(field);
    expect(json).toMatchObject({ reviews: 1, adopted: false, after: null, weights: null });
    const bad = await run(['optimize', '--timeout', 'soon']);
    expect(bad.stderr).toBe('grill: bad --timeout "soon": seconds, up to 86400 (a day), e.g. 120\n');
    const table = (await run(['config', 'get'])).stdout;
    expect(table).toMatch(/^weights +\(default\) +FSRS-6 weights fitted by grill optimize/m);
  });
});

describe('grill optimize health check', () => {
  it('prints the warning about Hard used as a fail in its text, not only in --json', async () => {
    const home = tempDir('grill-optimize-hard-');
    const cards = Array.from({ length: 120 }, (_, i) => `## Q${i + 1}? {#c${i + 1}}\n\n### Answer\nA.\n`);
    const content = deckDir(`---\nid: d\ntitle: D\n---\n\n${cards.join('\n')}`);
    const start = Date.parse('2025-01-06T09:00:00Z');
    const g = Grill.open(home);
    importPaths(g, [content], start);
    for (let c = 1; c <= 120; c++) {
      g.answer(`d/c${c}`, 4, start);
      g.answer(`d/c${c}`, c % 3 === 0 ? 2 : 3, start + 20 * 86_400_000);
    }
    g.close();
    const now = new Date(start + 40 * 86_400_000).toISOString();
    const out = await grill(['optimize', '--dry-run'], { home, now, env: { GRILL_CONTENT: content } });
    expect(out.stdout).toMatch(
      /^240 answers on 120 cards, 120 reviews a day or more after the one before\.\nWarning: Hard is 33% of your answers on cards in review and Again only 0%: .*\nKept: /,
    );
  });
});

describe('grill optimize on a real history', () => {
  it('adopts fitted weights, says so, and with --reschedule re-derives the due dates', async () => {
    const home = tempDir('grill-optimize-big-');
    const cards = Array.from({ length: 300 }, (_, i) => `## Q${i + 1}? {#c${i + 1}}\n\n### Answer\nA.\n`);
    const content = deckDir(`---\nid: d\ntitle: D\n---\n\n${cards.join('\n')}`);
    // A learner far from FSRS's defaults (initial stabilities 4×, faster growth, steeper decay), through the engine.
    const truth = fsrs(
      generatorParameters({
        w: default_w.map((w, i) => (i < 4 ? w * 4 : i === 8 ? w * 1.5 : i === 20 ? 0.5 : w)),
        enable_short_term: false,
        enable_fuzz: false,
      }),
    );
    const start = Date.parse('2025-01-06T09:00:00Z');
    const g = Grill.open(home);
    importPaths(g, [content], start);
    g.ensureTimeZone(start, 'UTC');
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let c = 0; c < 300; c++) {
      let at = new Date(start + Math.floor(c / 2) * 86_400_000);
      let card = createEmptyCard(at);
      while (at.getTime() < start + 300 * 86_400_000) {
        const recalled = card.reps === 0 || random() < (truth.get_retrievability(card, at, false) as number);
        g.answer(`d/c${c + 1}`, recalled ? 3 : 1, at.getTime());
        card = truth.next(card, at, recalled ? 3 : 1).card;
        at = new Date(Math.max(card.due.getTime(), at.getTime() + 86_400_000));
      }
    }
    g.close();
    const now = new Date(start + 301 * 86_400_000).toISOString();
    const run = (args: string[]) => grill(args, { home, now, env: { GRILL_CONTENT: content } });
    // The time limit stops the wait and changes nothing.
    const stopped = await run(['optimize', '--timeout', '0.001']);
    expect(stopped.stderr).toBe('grill: stopped after 0.001 s (--timeout): nothing changed\n');
    expect(JSON.parse((await run(['config', 'get', 'weights', '--json'])).stdout)).toMatchObject({
      value: null,
    });
    const result = await run(['optimize', '--reschedule', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.adopted).toBe(true);
    expect(json.weights).toHaveLength(21);
    expect(json.rescheduled).toBeGreaterThan(0);
    expect(json.after.logLoss).toBeLessThan(json.before.logLoss);
    const weights = JSON.parse((await run(['config', 'get', 'weights', '--json'])).stdout);
    expect(weights).toMatchObject({ key: 'weights', value: json.weights, set: true, setAt: now });
    expect((await run(['config', 'get'])).stdout).toMatch(/^weights +fitted 2025-11-03 +\(set\)/m);
    // Right after, a second run keeps them (nothing new to judge on) and says --reschedule did nothing.
    const second = await run(['optimize', '--reschedule']);
    expect(second.stdout).toMatch(
      /\nKept: the weights in use were set on 2025-11-03, .*\nNothing was rescheduled: the weights did not change\.\n$/,
    );
    // What config get --json prints, config set takes back (here as the deck's own).
    const set = await run(['config', 'set', 'weights', JSON.stringify(json.weights), '--deck', 'd']);
    expect(set.status, set.stderr).toBe(0);
    expect(
      JSON.parse((await run(['config', 'get', 'weights', '--deck', 'd', '--json'])).stdout).value,
    ).toEqual(json.weights);
    await run(['config', 'unset', 'weights', '--deck', 'd']);
    // A deck inherits them, and says so.
    const deck = (await run(['config', 'get', '--deck', 'd'])).stdout.split('\n').filter(Boolean);
    expect(deck.find((l) => l.startsWith('weights'))).toMatch(/^weights +fitted \(global\) /);
  }, 120_000);
});

describe('grill optimize in a terminal', () => {
  it('shows a progress bar, and Ctrl+C exits at once (130) with nothing changed, though the fit goes on', async () => {
    // A history long enough that the fit takes seconds (60k answers on 1000 cards), put in
    // through the engine's ingest (as answers arriving by sync) to be quick to make.
    const home = tempDir('grill-optimize-pty-');
    const cards = Array.from({ length: 1000 }, (_, i) => `## Q${i + 1}? {#c${i + 1}}\n\n### Answer\nA.\n`);
    const content = deckDir(`---\nid: d\ntitle: D\n---\n\n${cards.join('\n')}`);
    const start = Date.parse('2025-01-06T09:00:00Z');
    const g = Grill.open(home);
    importPaths(g, [content], start);
    g.ensureTimeZone(start, 'UTC');
    let n = 0;
    const events = [];
    for (let c = 1; c <= 1000; c++)
      for (let i = 0; i < 60; i++) {
        n++;
        const at = start + (i * 3 + (c % 3)) * 86_400_000 + c * 1000;
        const id = `${at
          .toString(16)
          .padStart(12, '0')
          .replace(/^(.{8})(.{4})$/, '$1-$2')}-7000-8000-${n.toString(16).padStart(12, '0')}`;
        events.push({
          id,
          cardKey: `d/c${c}`,
          type: 'review' as const,
          at,
          deviceId: g.deviceId,
          payload: { rating: (n % 7 === 0 ? 1 : 3) as 1 | 3, durationMs: 5000 },
        });
      }
    g.ingest(events);
    g.close();
    const now = new Date(start + 200 * 86_400_000).toISOString();
    const env = { GRILL_HOME: home, GRILL_NOW: now, GRILL_CONTENT: content };
    const pty = new GrillPty(['optimize'], env);
    await pty.waitFor(/\[#* *\] fitting 1 of \d · \d+ s/, 60_000);
    pty.send('\u0003');
    expect(await pty.exit()).toBe(130);
    expect(pty.text()).toMatch(/grill: cancelled: nothing changed\s*$/);
    const weights = await grill(['config', 'get', 'weights', '--json'], {
      home,
      now,
      env: { GRILL_CONTENT: content },
    });
    expect(JSON.parse(weights.stdout)).toMatchObject({ value: null });
  }, 120_000);
});
