import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const DECK = (version = 1) =>
  `---\nid: mini\ntitle: Mini\n---\n\n## First? {#one}\n\n### Answer\nOne v${version}.\n\n## Second? {#two}\nkind: typed\n\n### Accept\n- 200\n\n## Third? {#three}\nkind: choice\n\n### Options\n- [x] a\n- [ ] b\n`;

function env() {
  const home = tempDir('grill-home-');
  const content = tempDir('grill-content-');
  writeFileSync(path.join(content, 'mini.md'), DECK());
  const run = (args: string[], now = NOW) => grill(args, { home, now, env: { GRILL_CONTENT: content } });
  const json = async (args: string[], now = NOW) => {
    const r = await run([...args, '--json'], now);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  };
  return { home, content, run, json };
}

describe('scripting CLI', () => {
  it('imports the bundled decks on first run and picks up changes to them later', async () => {
    const { content, json } = env();
    expect(await json(['decks'])).toMatchObject([
      { id: 'mini', cards: 3, kinds: { basic: 1, typed: 1, choice: 1, open: 0 } },
    ]);
    writeFileSync(
      path.join(content, 'mini.md'),
      DECK(2).replace('## Third?', '## Fourth? {#four}\n\n### Answer\nx\n\n## Third?'),
    );
    expect(await json(['decks'])).toMatchObject([{ id: 'mini', cards: 4 }]);
  });

  it('an answer made with the clock set back folds after the card’s last answer, with a warning', async () => {
    const { run } = env();
    expect((await run(['review', 'mini/one', '--rating', 'good'], '2027-03-10T10:00:00Z')).status).toBe(0);
    const again = await run(['review', 'mini/one', '--rating', 'again'], '2026-03-10T10:00:00Z');
    expect(again.status).toBe(0);
    // Again after Good: back in minutes, not "next in 1y".
    expect(again.stdout).toMatch(/^mini\/one: again — next in \d+m\n$/);
    expect(again.stderr).toMatch(
      /warning: the clock reads 2026-03-10T10:00:00\.000Z, before this card's last answer/,
    );
  });

  it('a settings change looks forward; --reschedule and grill reschedule re-derive due dates', async () => {
    const { home, run } = env();
    const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
    for (const [n, rating] of [
      [0, 'good'],
      [0.01, 'good'],
      [5, 'good'],
      [25, 'good'],
    ] as const)
      expect((await run(['review', 'mini/one', '--rating', rating], day(n))).status).toBe(0);
    const due = () => {
      const db = new Database(path.join(home, 'grill.db'), { readonly: true });
      const row = db.prepare("SELECT due FROM card_state_cache WHERE card_key = 'mini/one'").get() as {
        due: number;
      };
      db.close();
      return row.due;
    };
    const before = due();
    expect((await run(['config', 'set', 'retention', '0.8'], day(26))).stdout).toBe('retention = 0.8\n');
    expect(due()).toBe(before);
    const r = await run(['config', 'set', 'retention', '0.8', '--reschedule'], day(26));
    expect(r.stdout).toBe('retention = 0.8\nrescheduled 1 card from the settings in force now\n');
    expect(due()).toBeGreaterThan(before);
    await run(['config', 'set', 'retention', '0.9'], day(27));
    const kept = due();
    expect((await run(['reschedule', '--deck', 'mini'], day(27))).stdout).toBe(
      'rescheduled 1 card of deck mini from the settings in force now\n',
    );
    expect(due()).toBeLessThan(kept);
    expect(JSON.parse((await run(['doctor', '--json'], day(27))).stdout).mismatched).toEqual([]);
  });

  it('answers the next card, undoes it, and keeps history in effect only', async () => {
    const { json, run } = env();
    const next = await json(['next']);
    expect(next).toMatchObject({
      key: 'mini/one',
      kind: 'basic',
      title: 'First?',
      answer: 'One v1.',
      queue: 'new',
    });
    expect(Object.keys(next.intervals)).toEqual(['again', 'hard', 'good', 'easy']);
    expect(await json(['review', 'mini/one', '--rating', 'good', '--duration', '4200'])).toMatchObject({
      card: 'mini/one',
      rating: 'good',
      interval: '10m',
    });
    expect(await json(['review', 'mini/two', '--rating', '1', '--typed', '201'])).toMatchObject({
      rating: 'again',
    });
    expect(await json(['history'])).toMatchObject([
      { card: 'mini/one', rating: 3, durationMs: 4200 },
      { card: 'mini/two', rating: 1, detail: { typed: '201' } },
    ]);
    expect((await run(['undo'])).stdout).toBe('undid review of mini/two\n');
    expect((await json(['history'])).map((h: { card: string }) => h.card)).toEqual(['mini/one']);
    expect(await json(['history', 'mini/one'])).toHaveLength(1);
    expect(await json(['next'])).toMatchObject({ key: 'mini/two' });
  });

  it('prints the due table in columns, the total row too, whatever the deck ids', async () => {
    const { run, content } = env();
    writeFileSync(
      path.join(content, 'ab.md'),
      '---\nid: ab\ntitle: AB\n---\n\n## Q? {#q}\n\n### Answer\nA.\n',
    );
    expect((await run(['due'])).stdout).toBe(
      [
        'deck   learning  review  new',
        'ab            0       0    1',
        'mini          0       0    3',
        'total         0       0    4',
        '',
      ].join('\n'),
    );
  });

  it('returns null and exits 0 when nothing is due', async () => {
    const { json, run } = env();
    for (const card of ['one', 'two', 'three']) await run(['review', `mini/${card}`, '--rating', 'easy']);
    expect(await json(['next'])).toBeNull();
    expect(await json(['due'])).toMatchObject({ total: { learning: 0, review: 0, new: 0 } });
    expect((await run(['due'])).stdout).toMatch(/all done for today — next card due in \d+d/);
  });

  it('suspends, unsuspends and buries cards', async () => {
    const { json, run } = env();
    expect((await run(['suspend', 'mini/one'])).status).toBe(0);
    expect((await run(['bury', 'mini/two'])).stdout).toMatch(/^mini\/two: buried until/);
    expect(await json(['next'])).toMatchObject({ key: 'mini/three' });
    expect(await json(['next'], '2026-03-03T09:00:00Z')).toMatchObject({ key: 'mini/two' });
    await run(['unsuspend', 'mini/one']);
    expect(await json(['next'])).toMatchObject({ key: 'mini/one' });
  });

  it('reports stats: today, streak, retention, forecast', async () => {
    const { json, run } = env();
    await run(['review', 'mini/one', '--rating', 'good', '--duration', '3000'], '2026-03-01T09:00:00Z');
    await run(['review', 'mini/one', '--rating', 'good', '--duration', '3000'], '2026-03-01T09:20:00Z');
    await run(['review', 'mini/two', '--rating', 'easy', '--duration', '1000']);
    const stats = await json(['stats']);
    expect(stats).toMatchObject({
      today: { reviews: 1, newCards: 1, timeMs: 1000 },
      streak: 2,
      totals: { cards: 3, new: 1 },
    });
    expect(stats.forecast).toHaveLength(14);
  });

  it('reads and writes settings globally and per deck, with clear errors', async () => {
    const { json, run } = env();
    expect((await run(['config', 'set', 'new-per-day', '1'])).stdout).toBe('new-per-day = 1\n');
    expect((await run(['config', 'set', 'new-per-day', '5', '--deck', 'mini'])).status).toBe(0);
    expect(await json(['config', 'get', 'new-per-day'])).toMatchObject({ value: 1, set: true });
    expect(await json(['config', 'get', 'new-per-day', '--deck', 'mini'])).toMatchObject({ value: 5 });
    expect(await json(['due'])).toMatchObject({ total: { new: 1 } });
    const bad = await run(['config', 'set', 'retention', '2']);
    expect([bad.status, bad.stderr]).toEqual([
      1,
      'grill: retention must be a number from 0.7 to 0.99, not "2"\n',
    ]);
    expect((await run(['config', 'set', 'colour', 'red'])).stderr).toMatch(
      /^grill: unknown setting "colour"/,
    );
    expect((await run(['config', 'get', '--deck', 'nope'])).stderr).toBe(
      'grill: unknown deck "nope" (see grill decks)\n',
    );
  });

  it('gives one clear line and exit 1 for bad input, changing nothing', async () => {
    const { run, json } = env();
    const cases: [string[], string][] = [
      [['review', 'mini/nope', '--rating', 'good'], 'grill: unknown card "mini/nope"\n'],
      [
        ['review', 'mini/one', '--rating', 'great'],
        'grill: bad rating "great": use again, hard, good, easy or 1-4\n',
      ],
      [
        ['review', 'mini/one', '--rating', 'good', '--duration', 'soon'],
        'grill: bad --duration "soon": milliseconds, e.g. 8000\n',
      ],
      [['next', '--deck', 'nope'], 'grill: unknown deck "nope" (see grill decks)\n'],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect([r.status, r.stderr]).toEqual([1, message]);
    }
    const badNow = await grill(['due'], { home: tempDir(), now: 'yesterday' });
    expect([badNow.status, badNow.stderr]).toEqual([
      1,
      'grill: GRILL_NOW="yesterday" is not an ISO time with a zone between 1970 and 9999 (e.g. 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00)\n',
    ]);
    expect((await run(['review', 'mini/one'])).status).toBe(2);
    expect(await json(['history'])).toEqual([]);
  });

  it('refuses an invalid deck import, printing problems and writing nothing', async () => {
    const { run, json } = env();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ok.md'), '---\nid: ok\ntitle: OK\n---\n\n## Q {#q}\n\n### Answer\nA\n');
    writeFileSync(
      path.join(dir, 'bad.md'),
      '---\nid: bad\ntitle: Bad\n---\n\n## Q {#q}\nkind: open\n\n### Answer\nA\n',
    );
    const r = await run(['import', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${path.join(dir, 'bad.md')}:6:1: open card has no rubric points`);
    expect(r.stderr).toBe('grill: 1 problem in deck files: nothing was imported\n');
    expect((await json(['decks'])).map((d: { id: string }) => d.id)).toEqual(['mini']);
    writeFileSync(path.join(dir, 'bad.md'), '---\nid: bad\ntitle: Bad\n---\n\n## Q {#q}\n\n### Answer\nA\n');
    expect((await run(['import', dir])).stdout).toMatch(
      /^bad\s+1 added, 0 updated, 0 unchanged, 0 retired\nok\s+1 added/,
    );
    expect((await run(['import', dir])).stdout).toMatch(/^bad\s+0 added, 0 updated, 1 unchanged, 0 retired/);
  });

  it('backs up the database and checks it with doctor', async () => {
    const { run, json, home } = env();
    await run(['review', 'mini/one', '--rating', 'good']);
    // Written where a data folder keeps its database, so the copy opens as a collection of its own.
    const out = path.join(tempDir(), 'grill.db');
    expect((await run(['backup', '--out', out])).stdout).toBe(`${out}\n`);
    expect(existsSync(out)).toBe(true);
    const copy = await grill(['history', '--json'], {
      home: path.dirname(out),
      env: { GRILL_CONTENT: tempDir() },
    });
    expect(copy.status).toBe(0);
    expect(
      (JSON.parse(copy.stdout) as { card: string; ratingName: string }[]).map((h) => [h.card, h.ratingName]),
    ).toEqual([['mini/one', 'good']]);
    expect(await json(['doctor'])).toMatchObject({
      integrity: [],
      mismatched: [],
      // The answer, and the collection's time zone (recorded as a setting on first run).
      events: 2,
      cards: 1,
      healthy: true,
    });
    expect(home).toBeTruthy();
  });
});
