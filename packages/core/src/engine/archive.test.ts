import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, deckText, grillWith, MINUTE, T0, tempDir } from '../test-support/fixtures.js';
import { exportArchive, readArchive } from './archive.js';
import { Grill } from './grill.js';
import { importPaths } from './import-paths.js';
import { restoreArchive } from './restore-archive.js';
import { REVLOG_CSV_HEADER, revlogCsv } from './revlog-csv.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

/** A home with two decks (`b` counted as bundled), answers, an undo, a suspension and a setting. */
function studied() {
  const made = grillWith({ 'a.md': deckText('a', 3), 'b.md': deckText('b', 2) });
  open.push(made.grill);
  const { grill } = made;
  grill.ensureTimeZone(T0, 'Europe/Berlin');
  grill.answer('a/c1', 3, T0, { durationMs: 4000 });
  grill.answer('a/c1', 3, T0 + 10 * MINUTE, { durationMs: 3000 });
  grill.answer('b/c1', 1, T0 + MINUTE, { durationMs: 9000 });
  const wrong = grill.answer('a/c2', 4, T0 + 2 * MINUTE);
  grill.undo(T0 + 3 * MINUTE, wrong.event.id);
  grill.suspend('a/c3', T0 + 4 * MINUTE);
  grill.setSetting('retention', 0.85, T0 + 5 * MINUTE);
  grill.answer('a/c1', 2, T0 + 3 * DAY, { durationMs: 12000 });
  return made;
}

const states = (grill: Grill, keys: string[]) => keys.map((k) => grill.state(k));
const KEYS = ['a/c1', 'a/c2', 'a/c3', 'b/c1', 'b/c2'];

describe('grill export and import-archive', () => {
  it('round trip: the own decks and the whole log, restored into an empty home, give the same states and settings', () => {
    const { grill } = studied();
    const now = T0 + 4 * DAY;
    const made = exportArchive(grill, now, (deck) => deck.id === 'b');
    expect(made.warnings).toEqual([]);
    expect(made.manifest).toMatchObject({ format: 'grill-archive', version: 1, events: grill.eventCount() });
    expect(made.manifest.decks).toEqual([{ id: 'a', title: 'Deck a' }]);
    expect(Object.keys(unzipSync(made.bytes)).sort()).toEqual([
      'decks/a.md',
      'events.jsonl',
      'manifest.json',
    ]);

    const home = tempDir('grill-restored-');
    const restored = Grill.open(home);
    open.push(restored);
    const archive = readArchive(made.bytes, 'x.zip');
    // The bundled deck b comes with grill on the new machine too.
    const other = grillWith({ 'b.md': deckText('b', 2) });
    open.push(other.grill);
    const result = restoreArchive(restored, archive, path.join(home, 'decks'), now);
    expect(result).toMatchObject({ events: grill.eventCount(), decks: [{ deckId: 'a', added: 3 }] });
    expect(readFileSync(path.join(home, 'decks/a.md'), 'utf8')).toBe(deckText('a', 3));
    importPaths(restored, [other.dir], now);
    expect(states(restored, KEYS)).toEqual(states(grill, KEYS));
    expect(restored.settings()).toEqual(grill.settings());
    expect(restored.reviewLog()).toEqual(grill.reviewLog());
  });

  it('refuses a home that has events, and a deck file already in place: nothing written, nothing changed', () => {
    const { grill } = studied();
    const archive = readArchive(exportArchive(grill, T0 + DAY, () => false).bytes, 'x.zip');
    const dir = tempDir('grill-target-');
    expect(() => restoreArchive(grill, archive, dir, T0 + 4 * DAY)).toThrow(
      /already has a review log \(\d+ events\): an archive restores into an empty home only/,
    );
    expect(readdirSync(dir)).toEqual([]);
    const fresh = Grill.open(tempDir('grill-fresh-'));
    open.push(fresh);
    // A home where grill ran once has only its time zone: that is empty.
    fresh.ensureTimeZone(T0, 'Asia/Tokyo');
    expect(fresh.eventCount()).toBe(1);
    // b.md is taken: a.md must not be left behind either, and no event goes in.
    const target = grillWith({ 'b.md': deckText('b', 1) });
    open.push(target.grill);
    const taken = target.dir;
    expect(() => restoreArchive(fresh, archive, taken, T0 + 4 * DAY)).toThrow(
      `${path.join(taken, 'b.md')} already exists`,
    );
    expect(existsSync(path.join(taken, 'a.md'))).toBe(false);
    expect(fresh.eventCount()).toBe(1);
    const target2 = tempDir('grill-target-');
    expect(restoreArchive(fresh, archive, target2, T0 + 4 * DAY).events).toBe(grill.eventCount());
    expect(fresh.store.cards.get('a/c1')).toBeDefined();
  });

  it('a deck that does not import leaves no file and no event behind', () => {
    const { grill } = studied();
    const entries = unzipSync(exportArchive(grill, T0 + DAY, () => false).bytes);
    entries['decks/a.md'] = strToU8('---\nid: a\n---\n\n## No answer here {#c1}\n');
    const archive = readArchive(zipSync(entries), 'x.zip');
    const fresh = Grill.open(tempDir('grill-fresh-'));
    open.push(fresh);
    const dir = tempDir('grill-target-');
    expect(() => restoreArchive(fresh, archive, dir, T0 + 4 * DAY)).toThrow();
    expect(readdirSync(dir)).toEqual([]);
    expect(fresh.eventCount()).toBe(0);
  });

  it('refuses a deck file naming another deck than the manifest, and an event stamped far ahead', () => {
    const { grill } = studied();
    const entries = unzipSync(exportArchive(grill, T0 + DAY, () => false).bytes);
    const renamed = {
      ...entries,
      'decks/a.md': strToU8(strFromU8(entries['decks/a.md'] as Uint8Array).replace('id: a', 'id: zz')),
    };
    const lines = strFromU8(entries['events.jsonl'] as Uint8Array).split('\n');
    const last = JSON.parse(lines.at(-2) as string);
    const future = { ...last, at: Date.UTC(5138, 0, 1) };
    const late = {
      ...entries,
      'events.jsonl': strToU8([...lines.slice(0, -2), JSON.stringify(future), ''].join('\n')),
    };
    for (const [variant, message] of [
      [renamed, 'decks/a.md says id: zz, the manifest a: the archive was altered; nothing restored'],
      [late, `events.jsonl: event ${last.id} is stamped 5138-01-01T00:00:00.000Z, ahead of this clock`],
    ] as const) {
      const fresh = Grill.open(tempDir('grill-fresh-'));
      open.push(fresh);
      const dir = tempDir('grill-target-');
      expect(() => restoreArchive(fresh, readArchive(zipSync(variant), 'x.zip'), dir, T0 + 4 * DAY)).toThrow(
        message,
      );
      expect(readdirSync(dir)).toEqual([]);
      expect(fresh.eventCount()).toBe(0);
    }
  });

  it('says in one line what is wrong with a bad archive, and where', () => {
    const { grill } = studied();
    const good = unzipSync(exportArchive(grill, T0 + DAY, () => false).bytes);
    const variant = (change: (e: Record<string, Uint8Array>) => void) => {
      const e = { ...good };
      change(e);
      return zipSync(e);
    };
    const manifest = JSON.parse(strFromU8(good['manifest.json'] as Uint8Array));
    const lines = strFromU8(good['events.jsonl'] as Uint8Array).split('\n');
    const cases: [Uint8Array, string][] = [
      [strToU8('hello'), 'x.zip: not a grill archive (not a zip file)'],
      [variant((e) => delete e['manifest.json']), 'x.zip: not a grill archive (no manifest.json)'],
      [variant((e) => (e['manifest.json'] = strToU8('{'))), 'x.zip: manifest.json is not JSON'],
      [
        variant((e) => (e['manifest.json'] = strToU8(JSON.stringify({ ...manifest, version: 2 })))),
        'x.zip: archive version 2 is not one this grill reads (1)',
      ],
      [
        variant(
          (e) =>
            (e['manifest.json'] = strToU8(JSON.stringify({ ...manifest, decks: [{ id: '../../etc/x' }] }))),
        ),
        'x.zip: manifest.json names a bad deck id "../../etc/x"',
      ],
      [variant((e) => delete e['decks/a.md']), 'x.zip: decks/a.md is missing'],
      [variant((e) => delete e['events.jsonl']), 'x.zip: events.jsonl is missing'],
      [
        variant((e) => (e['events.jsonl'] = strToU8([lines[0], 'oops', ...lines.slice(1)].join('\n')))),
        'x.zip: events.jsonl line 2 is not JSON',
      ],
      [
        variant(
          (e) =>
            (e['events.jsonl'] = strToU8(
              [lines[0], lines[1]?.replace('"rating":3', '"rating":7'), ...lines.slice(2)].join('\n'),
            )),
        ),
        'x.zip: events.jsonl line 2: event ',
      ],
    ];
    cases.push(
      [
        variant((e) => (e['events.jsonl'] = strToU8(lines.slice(0, -2).join('\n')))),
        `x.zip: events.jsonl holds ${manifest.events - 1} events, the manifest says ${manifest.events}: the archive is incomplete`,
      ],
      [
        variant((e) => (e['events.jsonl'] = strToU8([lines[0], ...lines].join('\n')))),
        'x.zip: events.jsonl holds an event twice',
      ],
    );
    for (const [bytes, message] of cases) {
      expect(() => readArchive(bytes, 'x.zip'), message).toThrow(message);
      try {
        readArchive(bytes, 'x.zip');
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
        expect(error).toMatchObject({ code: 'bad-archive' });
      }
    }
  });
});

describe('grill export --revlog-csv', () => {
  it('the answers in effect, oldest first, in the FSRS optimizer’s columns', () => {
    const { grill } = studied();
    const { lines, cardIds } = revlogCsv(grill);
    expect([...lines].join('')).toBe(
      [
        REVLOG_CSV_HEADER,
        `1,${T0},3,0,4000`,
        `2,${T0 + MINUTE},1,0,9000`,
        `1,${T0 + 10 * MINUTE},3,1,3000`,
        `1,${T0 + 3 * DAY},2,2,12000`,
        '',
      ].join('\n'),
    );
    expect([...cardIds]).toEqual([
      ['a/c1', 1],
      ['b/c1', 2],
    ]);
  });
});
