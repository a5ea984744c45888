import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Card } from '@grill/core';
import { parseDeck } from '@grill/core/parse';
import { describe, expect, it } from 'vitest';
import { GrillPty } from '../test-support/pty.js';
import { tempDir } from '../test-support/run-grill.js';
import { cardReducer, initialCardUi } from '../ui/card-reducer.js';
import { cardBody } from '../ui/layout/card-lines.js';

const CONTENT = path.resolve(import.meta.dirname, '../../../../content');
const NOW = '2026-03-02T09:00:00Z';

/** The tallest bundled card (most lines with its answer shown), as a one-card deck of its own. */
function tallestCardDeck(): { dir: string; card: Card } {
  let best: { card: Card; file: string; text: string; height: number } | null = null;
  for (const file of readdirSync(CONTENT).filter((f) => f.endsWith('.md') && f !== 'FORMAT.md')) {
    const text = readFileSync(path.join(CONTENT, file), 'utf8');
    for (const card of parseDeck(text, file).cards) {
      const height = cardBody(card, cardReducer(card, initialCardUi, { type: 'reveal' }), 79, false).lines
        .length;
      if (!best || height > best.height) best = { card, file, text, height };
    }
  }
  if (!best) throw new Error('no cards');
  const lines = best.text.split('\n');
  const frontMatterEnd = lines.indexOf('---', 1);
  // A cloze card's id is its heading's id plus its number (`retry-safe/c1`).
  const id = best.card.kind === 'cloze' ? best.card.id.replace(/\/c\d+$/, '') : best.card.id;
  const start = lines.findIndex((l) => l.startsWith('## ') && l.includes(`{#${id}}`));
  if (start === -1) throw new Error(`no heading for ${best.card.key}`);
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end === -1) end = lines.length;
  const dir = tempDir('grill-tallest-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, best.file),
    [...lines.slice(0, frontMatterEnd + 1), '', ...lines.slice(start, end)].join('\n'),
  );
  return { dir, card: best.card };
}

describe('the drill fits the window', () => {
  const { dir, card } = tallestCardDeck();
  const firstLine = card.title.replace(/`/g, '').slice(0, 30);

  for (const [cols, rows] of [
    [80, 24],
    [60, 20],
  ] as const) {
    it(`the tallest card at ${cols}×${rows}: every frame fits, the question stays reachable while ticking the rubric`, async () => {
      const env = { GRILL_HOME: tempDir('grill-e2e-'), GRILL_CONTENT: dir, GRILL_NOW: NOW };
      const app = new GrillPty(['drill'], env, { cols, rows });
      await app.waitForScreen(firstLine);
      app.send(' '); // reveal
      await app.waitForScreen('Rubric');
      // Tick every rubric point, moving down: the focused point is always on screen.
      const points = card.kind === 'open' ? card.rubric.length : 0;
      for (let i = 0; i < points; i++) {
        app.send(i === 0 ? ' ' : '\u001b[B ');
        const screen = await app.waitForScreen(`covered ${i + 1} of ${points}`);
        expect(
          screen.some((l) => l.includes('› [x]')),
          screen.join('\n'),
        ).toBe(true);
      }
      // While the rubric is active, PgUp/Home scroll back to the question's first line.
      app.send('\u001b[H');
      let screen = await app.waitForScreen(firstLine);
      expect(screen[0]).toContain(card.deckId);
      expect(screen.join('\n')).toContain('1 Again');
      app.send('\u001b[F');
      await app.waitForScreen(/covered \d+ of/);
      // A resize redraws at the new size at once, without a keypress.
      app.resize(cols + 20, rows + 6);
      screen = await app.waitForScreen(/covered \d+ of/);
      app.resize(cols, rows);
      screen = await app.waitForScreen(/covered \d+ of/);
      expect(screen.length).toBe(rows);
      app.send('\u0003');
      expect(await app.exit()).toBe(130);

      // Every frame drawn: at most rows - 1 lines, none wider than the window at the time.
      const frames = app.frames();
      expect(frames.length).toBeGreaterThan(points);
      for (const frame of frames) {
        expect(frame.length).toBeLessThanOrEqual(rows + 6 - 1);
        for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(cols + 20);
      }
      // Frames before the first resize fit the original size exactly.
      const beforeResize = frames.slice(0, points + 3);
      for (const frame of beforeResize) {
        expect(frame.length).toBeLessThanOrEqual(rows - 1);
        for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(cols);
      }
      // The shell's scrollback is never wiped: the drill draws on the alternate screen.
      expect(app.raw()).not.toContain('\u001b[3J');
      expect(app.raw()).toContain('\u001b[?1049h');
    }, 60_000);
  }

  it('a resize alone redraws the card at the new width (no stale wide frame)', async () => {
    const env = { GRILL_HOME: tempDir('grill-e2e-'), GRILL_CONTENT: dir, GRILL_NOW: NOW };
    const app = new GrillPty(['drill'], env, { cols: 120, rows: 30 });
    await app.waitForScreen(firstLine);
    const framesBefore = app.frames().length;
    app.resize(60, 20);
    const deadline = Date.now() + 5000;
    while (app.frames().length === framesBefore && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    const last = app.frames().at(-1) ?? [];
    expect(app.frames().length).toBeGreaterThan(framesBefore);
    expect(last.length, last.join('\n')).toBeLessThanOrEqual(19);
    for (const line of last) expect(GrillPty.width(line)).toBeLessThanOrEqual(60);
    const screen = await app.screen();
    expect(screen.join('\n')).toContain(card.deckId);
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
  }, 60_000);
});
