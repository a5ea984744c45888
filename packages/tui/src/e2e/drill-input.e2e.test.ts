import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

// Each key sequence below goes to the terminal in ONE write, as fast typing, a paste, SSH or
// `tmux send-keys Space 3` deliver it: the drill must split it into keys and handle each in order.

const NOW = '2026-03-02T09:00:00Z';

function setup(extraEnv: Record<string, string> = {}) {
  const home = tempDir('grill-e2e-');
  const content = deckDir();
  // The commands around the drill run on the binary too: one build per database.
  const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: NOW, ...extraEnv };
  const grill = (args: string[]) => runGrill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
  const history = () => {
    const r = grill(['history', '--json']);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { card: string; ratingName: string; detail?: unknown }[];
  };
  return { env, home, content, grill, history };
}

describe('the drill takes keys as terminals deliver them', () => {
  it('several keys in one write: reveal and rate, choice toggles and submit, typed edits and submit', async () => {
    const { env, history } = setup();
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    app.send(' 3');
    await app.waitFor('Which methods are idempotent?');
    app.mark();
    app.send('13\r');
    await app.waitFor('Enter = Good');
    app.mark();
    app.send('\r');
    await app.waitFor('Which status code means Conflict?');
    app.mark();
    app.send('40\u007f09\r'); // 40, Backspace, 0, 9, Enter: "409"
    await app.waitFor('✓ right');
    app.mark();
    app.send('3');
    await app.waitFor("reading 'url'");
    app.mark();
    app.send('  \u001b[B 4'); // reveal, tick, down, tick, Easy
    await app.waitFor('4 done');
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
    expect(history().map((h) => [h.card, h.ratingName, h.detail])).toEqual([
      ['kinds/basic', 'good', undefined],
      ['kinds/choice', 'good', { chosen: [0, 2], correct: true }],
      ['kinds/typed', 'good', { typed: '409', correct: true }],
      ['kinds/open', 'easy', { covered: [0, 1] }],
    ]);
    // Leaving put the terminal back: normal screen, cursor shown, bracketed paste off.
    expect(app.raw()).toContain('\u001b[?1049l');
    expect(app.raw()).toContain('\u001b[?2004l');
    expect(app.text()).toContain('grill: 4 answers on 4 cards, all saved');
  }, 60_000);

  it('a bracketed paste into a typed answer inserts its text; Enter alone submits', async () => {
    const { env, history } = setup();
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    app.send(' 3');
    await app.waitFor('Which methods are idempotent?');
    app.mark();
    app.send('2\r\r');
    await app.waitFor('Which status code means Conflict?');
    app.mark();
    // The paste's line break does not submit; the answer is one line.
    app.send('\u001b[200~409\r\nConflict\u001b[201~');
    await app.waitForScreen('› 409 Conflict');
    app.mark();
    app.send('\r');
    await app.waitFor('✓ right');
    app.send('3q');
    await app.waitFor('Session ended');
    app.send('x');
    expect(await app.exit()).toBe(0);
    const typed = history().find((h) => h.card === 'kinds/typed');
    expect(typed?.detail).toEqual({ typed: '409 Conflict', correct: true });
  }, 60_000);

  it('undo takes back this session’s answer, not one another process made meanwhile', async () => {
    const { env, grill, history } = setup();
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    app.send(' 3');
    await app.waitFor('Which methods are idempotent?');
    expect(grill(['review', 'kinds/open', '--rating', 'good']).status).toBe(0);
    app.mark();
    app.send('u');
    await app.waitFor('undone: your answer');
    await app.waitForScreen('What does idempotent mean?');
    app.send('q');
    await app.waitFor('Session ended');
    app.send('x');
    expect(await app.exit()).toBe(0);
    expect(history().map((h) => h.card)).toEqual(['kinds/open']);
  }, 60_000);
});

describe('the drill and untrusted deck text', () => {
  it('shows control characters stored in a card visibly, never sending them to the terminal', async () => {
    const { env, home, grill } = setup();
    // A card stored by an earlier grill, before lint refused control characters.
    expect(grill(['import']).status).toBe(0);
    const db = new Database(path.join(home, 'grill.db'));
    db.prepare("UPDATE cards SET content = json_set(content, '$.title', ?, '$.body', ?) WHERE key = ?").run(
      'Evil \u001b[2J\u001b]0;pwned\u0007title\rX',
      'Body \u001b[31mred\u009b2J',
      'kinds/basic',
    );
    db.close();
    const app = new GrillPty(['drill'], { ...env, NO_COLOR: '' });
    await app.waitFor('Evil');
    const screen = (await app.screen()).join('\n');
    expect(screen).toContain('Evil ␛[2J␛]0;pwned␇title␍X');
    expect(screen).toContain('Body ␛[31mred<U+009B>2J');
    expect(app.raw()).not.toContain('\u001b[2J\u001b]');
    expect(app.raw()).not.toContain('\u001b]0;');
    expect(app.raw()).not.toContain('\u009b');
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
    const next = grill(['next']);
    expect(next.stdout).toContain('␛[2J');
    expect(next.stdout).not.toContain('\u001b');
    expect(JSON.parse(grill(['next', '--json']).stdout).title).toBe(
      'Evil \u001b[2J\u001b]0;pwned\u0007title\rX',
    );
  }, 60_000);
});

describe('editing a card from the drill', () => {
  function fakeEditor(dir: string, body: string): string {
    const file = path.join(dir, 'fake editor');
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('runs $EDITOR with its arguments at the card’s line, and re-imports what it saved', async () => {
    const dir = tempDir('grill-editor-');
    const log = path.join(dir, 'args');
    // The editor records its arguments and changes the card's answer.
    const editor = fakeEditor(
      dir,
      `printf '%s\\n' "$@" > '${log}'; for f; do :; done; sed -i 's/has the same effect as once/is as good as once/' "$f"`,
    );
    const { env, content } = setup({ EDITOR: `'${editor}' --wait --flag`, VISUAL: '' });
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    app.send('e');
    await app.waitFor('saved and re-imported');
    const args = readFileSync(log, 'utf8').trim().split('\n');
    expect(args.slice(0, 2)).toEqual(['--wait', '--flag']);
    expect(args[args.length - 1]).toBe(path.join(content, 'kinds.md'));
    app.mark();
    app.send(' ');
    await app.waitFor('is as good as once');
    app.send('\u0003');
    expect(await app.exit()).toBe(130);
  }, 60_000);

  it('says so when the editor cannot start or fails, and claims nothing was saved', async () => {
    const dir = tempDir('grill-editor-');
    const { env } = setup({ EDITOR: path.join(dir, 'no-such-editor'), VISUAL: '' });
    const app = new GrillPty(['drill'], env);
    await app.waitFor('What does idempotent mean?');
    app.mark();
    app.send('e');
    await app.waitFor('not edited:');
    expect(app.text().slice(-2000)).not.toContain('saved and re-imported');
    app.send('\u0003');
    expect(await app.exit()).toBe(130);

    const failing = fakeEditor(dir, 'exit 3');
    const second = new GrillPty(['drill'], { ...env, EDITOR: `'${failing}'` });
    await second.waitFor('What does idempotent mean?');
    second.mark();
    second.send('e');
    await second.waitFor(/not edited: .*status 3/);
    second.send('\u0003');
    expect(await second.exit()).toBe(130);
  }, 60_000);
});
