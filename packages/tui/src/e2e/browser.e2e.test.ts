import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

// The card browser on the real binary in a pseudo-terminal: `/` on home opens it. Keys go to the
// terminal several in ONE write where a person could type them that fast.

const NOW = '2026-03-02T09:00:00Z';
const END = '\u001b[F';
const HOME = '\u001b[H';
const PGUP = '\u001b[5~';
const ESC = '\u001b';

/** A second deck of 40 short cards, net/p01 … net/p40, after the kinds deck (deck order: kinds, net). */
const NET_DECK = `---
id: net
title: Ports
---

${Array.from(
  { length: 40 },
  (_, i) => `## Which service listens on port ${8000 + i}? {#p${String(i + 1).padStart(2, '0')}}

### Answer
Service number ${i + 1}.
`,
).join('\n')}`;

function setup(extraEnv: Record<string, string> = {}) {
  const home = tempDir('grill-e2e-browser-');
  const content = deckDir();
  writeFileSync(path.join(content, 'net.md'), NET_DECK);
  const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: NOW, ...extraEnv };
  const grill = (args: string[]) => {
    const r = runGrill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const states = () =>
    Object.fromEntries(
      (JSON.parse(grill(['cards', '--json'])) as { key: string; state: string }[]).map((c) => [
        c.key,
        c.state,
      ]),
    );
  return { env, content, grill, states };
}

/** The line of the selected row (the one marked ›), as shown. */
const selected = (screen: string[]) => screen.find((l) => l.startsWith('› ')) ?? '';

describe('the card browser', () => {
  it('searches as you type, opens a card, suspends and unsuspends it, drills exactly what it found', async () => {
    const { env, states, grill } = setup();
    const app = new GrillPty([], env, { cols: 80, rows: 24 });
    let screen = await app.waitForScreen('Enter start');
    expect(screen.join('\n')).toContain('/ browse');
    app.send('/');
    screen = await app.waitForScreen('44 cards');
    expect(selected(screen)).toContain('kinds/basic');
    expect(screen.join('\n')).toMatch(/key +state +due .* title/);

    // A query typed in one write, with a typo taken back: every key lands in the field, in
    // order, and the unfinished word already finds its cards.
    app.send('idemX\u007fpot');
    screen = await app.waitForScreen('2 cards');
    let text = screen.join('\n');
    expect(text).toContain('Search idempot_');
    expect(text).toContain('kinds/basic');
    expect(text).toContain('kinds/choice');
    expect(text).not.toContain('net/');
    // Letters in the field are text, not commands: no drill started, nothing suspended.
    expect(text).not.toContain('s suspend');
    expect(text).toContain('Tab list');

    // Best match first: which card is second depends on the ranking, read from the screen.
    const found = screen.flatMap((l) => /^[› ] (kinds\/\w+)/.exec(l)?.[1] ?? []);
    expect(found.sort()).toEqual(['kinds/basic', 'kinds/choice']);
    const [first, second] = screen.flatMap((l) => /^[› ] (kinds\/\w+)/.exec(l)?.[1] ?? []) as [
      string,
      string,
    ];
    const kind = second.slice('kinds/'.length);

    // To the list, down to the second card, open it: one write.
    app.send('\tj\r');
    screen = await app.waitForScreen('phase');
    text = screen.join('\n');
    expect(screen[0]).toMatch(new RegExp(`^${second} · ${kind} · intern +new$`));
    expect(text).toContain(kind === 'choice' ? '✓ 1. `PUT`' : 'Doing it twice has the same effect as once.');
    expect(text).toMatch(/s suspend .*Esc list/s);

    app.send('s');
    screen = await app.waitForScreen(`suspended ${second}`);
    expect(screen[0]).toMatch(/ suspended$/);
    expect((await app.waitForScreen('s unsuspend')).join('\n')).toContain('flags       suspended');
    expect(states()[second]).toBe('suspended');
    expect(states()[first]).toBe('new');

    // Back to the list: the same search, the same card selected, its new state in the list.
    app.send(ESC);
    screen = await app.waitForScreen('Search idempot');
    expect(selected(screen)).toMatch(new RegExp(`^› ${second} +suspended`));
    expect(screen.join('\n')).toContain('s unsuspend');
    app.send('s');
    screen = await app.waitForScreen(`unsuspended ${second}`);
    expect(selected(screen)).toMatch(new RegExp(`^› ${second} +new`));
    expect(states()[second]).toBe('new');

    // d drills exactly the cards found, in their order: two, whatever else is due.
    app.send('d');
    screen = await app.waitForScreen('0 done');
    expect(screen.join('\n')).toContain('2 new');
    for (const [done, card] of [first, second].entries()) {
      screen = await app.waitForScreen(`${done} done`);
      const question =
        card === 'kinds/choice' ? 'Which methods are idempotent?' : 'What does idempotent mean?';
      expect(screen.join('\n')).toContain(question);
      app.send(card === 'kinds/choice' ? '13\r\r' : ' 3');
    }
    // Then their learning steps, as they come due; nothing else.
    screen = await app.waitForScreen('2 done');
    expect(screen.join('\n')).toContain('0 new · 2 learning · 0 review');
    app.send('q');
    screen = await app.waitForScreen('Session ended');
    expect(screen.join('\n')).toMatch(/answered +2 answers on 2 cards/);
    app.send('x');
    expect(await app.exit()).toBe(0);
    const answered = (JSON.parse(grill(['history', '--json'])) as { card: string }[]).map((h) => h.card);
    expect(answered).toEqual([first, second]);
  }, 60_000);

  it('fits 60×20: moves and scrolls with the selection in view, redraws on resizes, Esc goes back', async () => {
    const { env } = setup();
    const app = new GrillPty([], env, { cols: 60, rows: 20 });
    await app.waitForScreen('Enter start');
    app.send('/');
    await app.waitForScreen('44 cards');
    // End from the search field: the last card, scrolled into view.
    app.send(END);
    let screen = await app.waitForScreen('› net/p40');
    expect(screen.join('\n')).toMatch(/↑ \d+ more lines above \(PgUp\)/);
    // j and k belong to the list: in the field they are text.
    app.send('\tkkk');
    screen = await app.waitForScreen('› net/p37');
    app.send(PGUP);
    screen = await app.waitForScreen(/› net\/p(2\d|1\d)/);
    const row = Number(/› net\/p(\d+)/.exec(selected(screen))?.[1]);
    expect(row).toBeLessThan(37);
    expect(row).toBeGreaterThan(20);
    app.send(HOME);
    screen = await app.waitForScreen('› kinds/basic');
    expect(screen.join('\n')).toMatch(/↓ \d+ more lines below \(PgDn\)/);
    app.send(END);
    await app.waitForScreen('› net/p40');

    // Resized while open: redrawn at once at each size, the selection still in view.
    const before = app.frames().length;
    app.resize(100, 30);
    screen = await app.waitForScreen(/^› net\/p40 .*Which service listens on port 8039\?$/m);
    app.resize(60, 20);
    await waitForFrames(app, before + 2);
    screen = await app.waitForScreen('› net/p40');
    expect(screen.length).toBe(20);

    // A card opened, resized while open, and back: the list as it was.
    app.send('\r');
    await app.waitForScreen('Which service listens on port 8039?');
    app.resize(70, 22);
    screen = await app.waitForScreen(/^source +\S+net\.md:\d+$/m);
    app.resize(60, 20);
    await app.waitForScreen('Esc list');
    app.send(ESC);
    screen = await app.waitForScreen('› net/p40');
    app.send(ESC);
    await app.waitForScreen('Enter start');
    app.send('q');
    expect(await app.exit()).toBe(0);

    // Every frame: at most rows - 1 lines, none wider than the widest window; before the first
    // resize, within 60×20.
    const frames = app.frames();
    for (const frame of frames) {
      expect(frame.length).toBeLessThanOrEqual(29);
      for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(100);
    }
    for (const frame of frames.slice(0, before)) {
      expect(frame.length, frame.join('\n')).toBeLessThanOrEqual(19);
      for (const line of frame) expect(GrillPty.width(line), line).toBeLessThanOrEqual(60);
    }
  }, 60_000);

  it('e edits the card in $EDITOR; what it saved is re-imported and the list read again', async () => {
    const dir = tempDir('grill-editor-');
    const editor = path.join(dir, 'editor');
    writeFileSync(
      editor,
      `#!/bin/sh\nfor f; do :; done\nsed -i 's/What does idempotent mean?/What is idempotence?/' "$f"\n`,
    );
    chmodSync(editor, 0o755);
    const { env } = setup({ EDITOR: editor, VISUAL: '' });
    const app = new GrillPty([], env, { cols: 80, rows: 24 });
    await app.waitForScreen('Enter start');
    app.send('/');
    await app.waitForScreen('44 cards');
    app.send('idempotent mean');
    await app.waitForScreen('1 card');
    app.send('\te');
    await app.waitForScreen('saved and re-imported');
    // The search still says "idempotent mean": the edited card no longer matches it.
    await app.waitForScreen('0 cards');
    app.send('\t\u0015idempotence');
    const screen = await app.waitForScreen('What is idempotence?');
    expect(screen.find((l) => l.includes('kinds/basic'))).toContain('What is idempotence?');
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
  }, 60_000);
});

async function waitForFrames(app: GrillPty, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (app.frames().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}
