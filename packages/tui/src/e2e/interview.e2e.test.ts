import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { GrillPty } from '../test-support/pty.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

describe('the home screen with an interview date', () => {
  it('shows the countdown, readiness and today in one line, and a readiness bar per deck, within 60 columns', async () => {
    const home = tempDir('grill-e2e-interview-');
    const content = deckDir();
    const env = { GRILL_HOME: home, GRILL_CONTENT: content, GRILL_NOW: NOW };
    const grill = (args: string[], now = NOW) => {
      const r = runGrill(args, { home, now, env: { GRILL_CONTENT: content } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    grill(['config', 'set', 'interview-date', '2026-03-23']);
    grill(['review', 'kinds/basic', '--rating', 'good']);
    grill(['review', 'kinds/basic', '--rating', 'good'], '2026-03-02T09:15:00Z');
    const app = new GrillPty([], { ...env, GRILL_NOW: '2026-03-02T10:00:00Z' }, { cols: 60, rows: 30 });
    await app.waitFor('Enter start');
    const text = app.text();
    expect(text).toMatch(/interview in 21 days \(2026-03-23\) · ready \d+% · \d+ min today$/m);
    expect(text).toMatch(/deck +learn +due +new +ready/);
    expect(text).toMatch(/kinds .*\d+%/);
    for (const frame of app.frames())
      for (const line of frame) expect(GrillPty.width(line)).toBeLessThanOrEqual(60);
    await app.type('q');
    expect(await app.exit()).toBe(0);

    // In the review-only days, the line says so.
    const late = new GrillPty([], { ...env, GRILL_NOW: '2026-03-21T10:00:00Z' }, { cols: 60, rows: 30 });
    await late.waitFor('Enter start');
    expect(late.text()).toMatch(/interview in 2 days · ready \d+% · review only, 3 unseen$/m);
    await late.type('q');
    expect(await late.exit()).toBe(0);
  }, 60_000);
});
