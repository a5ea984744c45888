import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type CardSummary, cardDetail, Grill, listCards } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { afterAll, describe, expect, it } from 'vitest';
import { fitCards, formatCards } from '../../card-text.js';
import { tempDir } from '../../test-support/run-grill.js';
import { type AppState, openApp } from '../app-state.js';
import { appFrame } from '../app-view.js';
import { type BrowserState, initialBrowser } from '../browser-reducer.js';
import { cardSummary } from '../test-fixtures.js';
import { helpParts, layoutScreen } from './frames.js';
import { width } from './text.js';

const CONTENT = path.resolve(import.meta.dirname, '../../../../../content');
const T0 = Date.parse('2026-03-02T09:00:00Z');
const SIZES = [
  [60, 20],
  [80, 24],
  [120, 40],
  [200, 60],
] as const;

const grill = Grill.open(tempDir('grill-browser-layout-'));
importPaths(grill, [CONTENT], T0);
afterAll(() => grill.close());
const ALL = listCards(grill, T0);

/** The app in the browser, as the reducer leaves it (the list following its selection). */
function browserState(browser: Partial<BrowserState>, message: string | null = null): AppState {
  const base = openApp(null).state;
  return {
    ...base,
    screen: { name: 'browser' },
    message,
    browser: { ...initialBrowser, listed: '', cards: ALL, ...browser },
    scroll: { ...base.scroll, follow: true },
  };
}

const frameAt = (state: AppState, columns: number, rows: number) =>
  appFrame(state, { columns, rows, color: false }, T0).lines.map((l) => stripVTControlCharacters(l));

describe('the card browser fits the window', () => {
  it('the list of every bundled card, the selection anywhere, at every size: no line too wide, no frame too tall, the selection shown', () => {
    expect(ALL.length).toBeGreaterThan(400);
    const problems: string[] = [];
    for (const [columns, rows] of SIZES)
      for (const index of [0, 137, ALL.length - 1])
        for (const focus of ['search', 'list'] as const) {
          const note =
            focus === 'list' ? `suspended ${(ALL[index] as CardSummary).key}: the drill leaves it out` : null;
          const lines = frameAt(browserState({ index, focus }, note), columns, rows);
          const where = `${columns}×${rows} row ${index} (${focus})`;
          if (lines.length > rows - 1) problems.push(`${where}: ${lines.length} lines`);
          for (const line of lines) if (width(line) > columns) problems.push(`${where}: too wide: ${line}`);
          const selected = lines.filter((l) => l.startsWith('› '));
          const key = (ALL[index] as CardSummary).key;
          if (selected.length !== 1 || !selected[0]?.includes(key.slice(-6)))
            problems.push(`${where}: selection not shown`);
        }
    expect(problems).toEqual([]);
  });

  it('every bundled card opened, at every size: all of it within the width; its state and answers below', () => {
    const problems: string[] = [];
    for (const summary of ALL) {
      const open = cardDetail(grill, summary.key, T0);
      for (const [columns, rows] of [SIZES[0], SIZES[3]]) {
        const state = { ...browserState({ open }), scroll: { offset: 0, follow: false, page: 10, max: 0 } };
        const lines = frameAt(state, columns, rows);
        if (lines.length > rows - 1) problems.push(`${summary.key} at ${columns}: ${lines.length} lines`);
        for (const line of lines)
          if (width(line) > columns) problems.push(`${summary.key}: too wide: ${line}`);
        if (!lines[0]?.startsWith(summary.key.slice(0, 20))) problems.push(`${summary.key}: no header`);
      }
    }
    expect(problems).toEqual([]);
    // The end of a card's body: its memory state and answers, reached by scrolling.
    const open = cardDetail(grill, (ALL[0] as CardSummary).key, T0);
    const end = { ...browserState({ open }), scroll: { offset: 999, follow: false, page: 10, max: 999 } };
    const shown = frameAt(end, 60, 20).join('\n');
    expect(shown).toMatch(/recall now +-/);
    expect(shown).toContain('no answers yet');
  }, 120_000);

  it('the columns: all at a wide window; the title keeps a readable width as they drop; long keys cut in the middle', () => {
    const cards = [
      cardSummary('system-design-intern/a-very-long-card-identifier-indeed', {
        title: 'A title that is long enough to be cut at any width of the window we test here',
        leech: true,
        suspended: true,
        lapses: 12,
        stability: 31.5,
        retrievability: 0.42,
        due: T0,
        dueDay: '2026-03-02',
      }),
      cardSummary('sql/n-plus-one'),
    ];
    const header = (cols: number) => fitCards(cards, cols).header.split(/\s+/);
    expect(header(200)).toEqual(['key', 'state', 'due', 'stability', 'recall', 'lapses', 'title']);
    expect(header(100)).toEqual(['key', 'state', 'due', 'recall', 'lapses', 'title']);
    expect(header(70)).toEqual(['key', 'state', 'due', 'title']);
    expect(header(58)).toEqual(['key', 'state', 'title']);
    for (let cols = 20; cols <= 200; cols++) {
      const { header: h, rows } = fitCards(cards, cols);
      for (const line of [h, ...rows]) expect(width(line), `${cols}: ${line}`).toBeLessThanOrEqual(cols);
    }
    const [long, short] = fitCards(cards, 80).rows as [string, string];
    expect(long).toMatch(/^system-design-…\S*-indeed +suspended\+leech +2026-03-02 +42% +A title/);
    // The title column starts at the same place on every line.
    expect(short.indexOf('Question')).toBe(long.indexOf('A title'));
    // grill cards keeps every column and never cuts a key.
    expect(formatCards(cards, 80)[1]).toContain('system-design-intern/a-very-long-card-identifier-indeed');
  });

  it('the footer lists the keys that work now, for the card they act on', () => {
    const cards = [cardSummary('d/a', { suspended: true }), cardSummary('d/b', { buried: true })];
    const footer = (b: Partial<BrowserState>) =>
      frameAt(browserState({ cards, ...b }), 120, 40)
        .slice(-2)
        .join(' · ');
    const list = footer({ focus: 'list' });
    expect(list).toContain('Enter open');
    expect(list).toContain('s unsuspend');
    expect(list).toContain('b bury');
    expect(list).toContain('Esc/q home');
    // Both suspended or buried: nothing for d to drill; the buried card cannot be buried again.
    expect(list).not.toContain('drill these');
    expect(footer({ focus: 'list', index: 1 })).toContain('s suspend');
    expect(footer({ focus: 'list', index: 1 })).not.toContain('b bury');
    // In the search field letters are text: no letter commands, Ctrl+C to quit.
    const field = footer({ focus: 'search' });
    for (const item of ['s unsuspend', 'b bury', 'e edit', '? help', 'q home'])
      expect(field).not.toContain(item);
    expect(field).toContain('Tab list');
    expect(field).toContain('Ctrl+C quit');
    // Nothing found: no key that needs a card.
    const none = footer({ focus: 'list', cards: [], query: 'zzz', listed: 'zzz' });
    for (const item of ['Enter open', 'suspend', 'bury', 'e edit', 'drill']) expect(none).not.toContain(item);
    // Every card fits: no paging keys.
    expect(list).not.toContain('PgUp');
    expect(footer({ focus: 'list', cards: ALL })).toContain('PgUp/PgDn page');
  });

  it('the search field: the cursor while it has the keys, the end of a long search, what was found', () => {
    const query = `${'cache invalidation '.repeat(8)}stampede`;
    const typing = frameAt(browserState({ query, listed: query, cards: ALL.slice(0, 3) }), 60, 20);
    expect(typing[0]).toMatch(/^Search ….*stampede_ +3 cards$/);
    expect(width(typing[0] as string)).toBe(59);
    const list = frameAt(browserState({ focus: 'list', query: 'ttl', listed: 'ttl', cards: [] }), 60, 20);
    expect(list[0]).toMatch(/^Search ttl +0 cards$/);
    expect(list).toContain('no card matches ttl');
    expect(frameAt(browserState({ listed: null, cards: [] }), 60, 20)).toContain('reading the cards…');
  });

  it('help from the list and from a card fits 60×20', () => {
    for (const context of ['browse-list', 'browse-card', 'home'] as const) {
      const help = layoutScreen(helpParts(context, 59, false), 20, { offset: 0, follow: false }, false);
      expect(help.lines.length).toBeLessThanOrEqual(19);
      for (const line of help.lines) expect(width(line)).toBeLessThanOrEqual(59);
    }
    expect(helpParts('home', 59, false).body.join('\n')).toMatch(/^\/ +browse and search every card/m);
  });
});
