// The built `grill` binary, started as a user starts it. Every command's behaviour is tested in
// this process on the sources (grill() in test-support/run-grill.ts, exactly the binary's output:
// test-support/in-process.test.ts); this file checks what only a process of its own shows: the
// bundle runs, exit statuses reach the shell, the first run finds the bundled decks, pipes and
// terminals are what the process really has. The drill in a terminal: ../e2e.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRILL_BIN, runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const DECK = '---\nid: mini\ntitle: Mini\n---\n\n## First? {#one}\n\n### Answer\nOne.\n';

describe('the grill binary', () => {
  it('prints its version and help, exit 0', () => {
    expect(runGrill(['--version'])).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
    const help = runGrill(['--help']);
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: grill \[options\] \[command\]\n/);
    expect(help.stdout).toContain('\nEnvironment:\n  GRILL_HOME   data folder');
  });

  it('records a review, then shows it in the history', () => {
    const home = tempDir('grill-home-');
    const content = tempDir('grill-content-');
    writeFileSync(path.join(content, 'mini.md'), DECK);
    const opts = { home, now: NOW, env: { GRILL_CONTENT: content } };
    const review = runGrill(['review', 'mini/one', '--rating', 'good'], opts);
    expect([review.status, review.stderr]).toEqual([0, '']);
    expect(review.stdout).toMatch(/^mini\/one: good — next in 10m\n$/);
    const history = runGrill(['history', '--json'], opts);
    expect(history.status).toBe(0);
    expect(JSON.parse(history.stdout)).toMatchObject([{ card: 'mini/one', ratingName: 'good' }]);
  });

  it('exits 2 on a usage error and 1 on an error, with one line on stderr', () => {
    const home = tempDir('grill-home-');
    const content = tempDir('grill-content-');
    writeFileSync(path.join(content, 'mini.md'), DECK);
    const opts = { home, now: NOW, env: { GRILL_CONTENT: content } };
    expect(runGrill(['frobnicate'], opts)).toEqual({
      status: 2,
      stdout: '',
      stderr: "grill: unknown command 'frobnicate'\n(see grill --help)\n",
    });
    expect(runGrill(['review', 'mini/nope', '--rating', 'good'], opts)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'grill: unknown card "mini/nope"\n',
    });
    // Its stdin and stdout are pipes here, not a terminal: the drill says so instead of starting.
    const drill = runGrill(['drill'], opts);
    expect([drill.status, drill.stderr]).toEqual([
      1,
      'grill: the drill needs an interactive terminal; for scripts use grill next and grill review\n',
    ]);
  });

  it('stops quietly when its output is piped into a command that stops reading', async () => {
    // A fresh data folder and no GRILL_CONTENT: the first run imports the bundled decks.
    const child = spawn(process.execPath, [GRILL_BIN, 'decks', '--json'], {
      env: { ...process.env, GRILL_HOME: tempDir('grill-home-') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(0);
  });
});
