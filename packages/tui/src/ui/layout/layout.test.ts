import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type Card, Grill } from '@grill/core';
import { importPaths, parseDeck } from '@grill/core/parse';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/run-grill.js';
import { type CardUiState, cardReducer, initialCardUi } from '../card-reducer.js';
import { DrillSession } from '../session.js';
import { statsData } from '../view-data.js';
import { cardBody } from './card-lines.js';
import { cardParts, helpParts, layoutScreen, statsParts } from './frames.js';
import { width } from './text.js';

const CONTENT = path.resolve(import.meta.dirname, '../../../../../content');
const T0 = Date.parse('2026-03-02T09:00:00Z');
const SIZES = [
  [60, 20],
  [80, 24],
  [120, 40],
  [200, 60],
] as const;

const cards: Card[] = readdirSync(CONTENT)
  .filter((f) => f.endsWith('.md') && f !== 'FORMAT.md')
  .flatMap((f) => parseDeck(readFileSync(path.join(CONTENT, f), 'utf8'), f).cards);

const home = tempDir('grill-layout-');
const grill = Grill.open(home);
importPaths(grill, [CONTENT], T0);
afterAll(() => grill.close());

/** The width the app draws at for a terminal this wide. */
const colsFor = (columns: number) => Math.max(20, Math.min(columns, 120) - 1);

function revealedUi(card: Card): CardUiState {
  return cardReducer(card, initialCardUi, { type: 'reveal' });
}

/** The tallest card of the bundled decks: the most lines once its answer is shown at 80 columns. */
function tallest(): Card {
  const height = (c: Card) => cardBody(c, revealedUi(c), 79, false).lines.length;
  return cards.map((c) => ({ c, h: height(c) })).reduce((a, b) => (b.h > a.h ? b : a)).c;
}

function sessionFor(card: Card) {
  const key = `${card.deckId}/${card.id}`;
  const session = new DrillSession(grill, { keys: new Set([key]) }, () => T0, undefined, [key]);
  const current = session.current;
  if (!current) throw new Error(`no session for ${key}`);
  return { session, current };
}

/** The card screen's parts, as the app makes them for a terminal `columns` wide. */
function partsFor(card: Card, ui: CardUiState, columns: number, s = sessionFor(card)) {
  const context = ui.phase === 'question' ? 'question' : card.kind === 'open' ? 'rubric' : 'revealed';
  return cardParts(
    { context, current: s.current, ui, session: s.session, message: 'a message', now: T0 },
    colsFor(columns),
    false,
  );
}

function frameFor(
  card: Card,
  ui: CardUiState,
  columns: number,
  rows: number,
  scroll = { offset: 0, follow: true },
) {
  const parts = partsFor(card, ui, columns);
  return { parts, frame: layoutScreen(parts, rows, scroll, false) };
}

describe('layout: no frame exceeds the window', () => {
  it('every bundled card, before and after its answer, fits every size from 60×20 to 200×60', () => {
    expect(cards.length).toBeGreaterThan(400);
    const problems: string[] = [];
    // Most lines recur (footers, headers, a card's lines at each height): each is measured once.
    const widths = new Map<string, number>();
    const widthOf = (line: string) => {
      const known = widths.get(line);
      if (known !== undefined) return known;
      const w = width(line);
      widths.set(line, w);
      return w;
    };
    for (const card of cards) {
      const s = sessionFor(card);
      for (const ui of [initialCardUi, revealedUi(card)]) {
        // The parts depend on the width drawn at only (120 and 200 columns both draw at 119).
        const parts = new Map<number, ReturnType<typeof cardParts>>();
        for (const [columns, rows] of SIZES) {
          const drawn = parts.get(colsFor(columns)) ?? partsFor(card, ui, columns, s);
          parts.set(colsFor(columns), drawn);
          const frame = layoutScreen(drawn, rows, { offset: 0, follow: true }, false);
          const where = `${card.deckId}/${card.id} at ${columns}×${rows} (${ui.phase})`;
          if (frame.lines.length > rows - 1) problems.push(`${where}: ${frame.lines.length} lines`);
          for (const line of frame.lines)
            if (widthOf(line) > columns) problems.push(`${where}: too wide: ${line}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every card at every size: seconds of work, many more on a machine busy with other jobs.
  }, 120_000);

  it('the tallest card at 80×24 and 60×20: the rubric point in focus is shown, and the question is reachable by scrolling', () => {
    const card = tallest();
    expect(card.kind).toBe('open');
    for (const [columns, rows] of [
      [80, 24],
      [60, 20],
    ] as const) {
      const n = card.kind === 'open' ? card.rubric.length : 0;
      let ui = revealedUi(card);
      for (let i = 0; i < n - 1; i++) ui = cardReducer(card, ui, { type: 'move', delta: 1 });
      ui = cardReducer(card, ui, { type: 'toggle-point' });
      const { parts, frame } = frameFor(card, ui, columns, rows, { offset: 0, follow: true });
      const shown = frame.lines.map((l) => stripVTControlCharacters(l)).join('\n');
      expect(shown).toContain(`› [x]`);
      expect(shown).toMatch(/↑ \d+ more lines? above/);
      // Scrolling to the top (PgUp/Home) while the rubric is active shows the question's first line.
      const top = layoutScreen(parts, rows, { offset: 0, follow: false }, false);
      const firstLine = stripVTControlCharacters(parts.body[0] ?? '');
      expect(top.lines.map((l) => stripVTControlCharacters(l))).toContain(firstLine);
      expect(top.lines.length).toBeLessThanOrEqual(rows - 1);
      // Header and footer stay pinned: deck on the first line, the ratings and keys at the bottom.
      expect(stripVTControlCharacters(top.lines[0] ?? '')).toContain(card.deckId);
      expect(stripVTControlCharacters(top.lines.at(-1) ?? '')).toContain('q quit');
      expect(top.lines.map((l) => stripVTControlCharacters(l)).join('\n')).toContain('1 Again');
    }
  });

  it('every typed card keeps its answer field in view while typing, and every open card its rubric point after reveal, at 60×20', () => {
    const problems: string[] = [];
    for (const card of cards.filter((c) => c.kind === 'typed' || c.kind === 'open')) {
      const ui =
        card.kind === 'typed'
          ? cardReducer(card, initialCardUi, { type: 'type', text: 'zq' })
          : revealedUi(card);
      const context = card.kind === 'typed' ? 'typing' : 'rubric';
      const s = sessionFor(card);
      const parts = cardParts(
        { context, current: s.current, ui, session: s.session, message: null, now: T0 },
        59,
        false,
      );
      const shown = layoutScreen(parts, 20, { offset: 0, follow: true }, false).lines.join('\n');
      const wanted = card.kind === 'typed' ? '› zq' : '› [ ]';
      if (!shown.includes(wanted)) problems.push(`${card.deckId}/${card.id}`);
    }
    expect(problems).toEqual([]);
  });

  it('stats and help fit a 60×20 window and scroll', () => {
    const stats = layoutScreen(
      statsParts(statsData(grill, T0), null, colsFor(60), false),
      20,
      { offset: 0, follow: false },
      false,
    );
    expect(stats.lines.length).toBeLessThanOrEqual(19);
    expect(stats.lines.join('\n')).toContain('↓');
    // Headings are never cut mid-phrase at 60 columns (the retention columns stack).
    expect(statsParts(statsData(grill, T0), null, colsFor(60), false).body).toContain(
      'True retention (30 days), per deck',
    );
    for (const context of ['question', 'rubric', 'typing', 'home'] as const) {
      const help = layoutScreen(
        helpParts(context, colsFor(60), false),
        20,
        { offset: 0, follow: false },
        false,
      );
      expect(help.lines.length).toBeLessThanOrEqual(19);
      expect(help.lines[0]).toBe('Keys');
    }
  });
});
