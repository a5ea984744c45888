import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grill, tempDir } from '../test-support/run-grill.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Three days of daily sessions through the CLI, with GRILL_NOW moving the clock: each day,
 * answer whatever `grill next` offers until nothing is due. (The sixty-day run, with every
 * scheduling property checked, goes through the engine: packages/core/src/engine/simulation.test.ts.)
 */
describe('daily sessions through the command line', () => {
  it('grill next and grill review agree on the day: limits, learning steps, then nothing due', async () => {
    const home = tempDir('grill-sim-');
    const content = tempDir('grill-sim-content-');
    const cards = Array.from(
      { length: 4 },
      (_, i) => `## Question ${i + 1}? {#c${i + 1}}\n\n### Answer\nA${i + 1}.\n`,
    );
    writeFileSync(path.join(content, 'sim.md'), `---\nid: sim\ntitle: Sim\n---\n\n${cards.join('\n')}`);
    const run = async (args: string[], at: number) => {
      const r = await grill(args, { home, now: new Date(at).toISOString(), env: { GRILL_CONTENT: content } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const start = Date.parse('2026-03-02T08:00:00Z');
    await run(['config', 'set', 'new-per-day', '2'], start);
    const seen: { day: number; card: string; queue: string; in: number }[] = [];
    for (let day = 0; day < 3; day++) {
      let now = start + day * DAY;
      expect(JSON.parse(await run(['due', '--json'], now)).total.new).toBeLessThanOrEqual(2);
      for (let guard = 0; guard < 20; guard++) {
        const next = JSON.parse(await run(['next', '--json'], now));
        if (next === null) break;
        if (next.queue === 'learning' && next.state.due) now = Math.max(now, Date.parse(next.state.due));
        const result = JSON.parse(await run(['review', next.key, '--rating', 'good', '--json'], now));
        seen.push({ day, card: next.key, queue: next.queue, in: Date.parse(result.due) - now });
        now += MINUTE;
      }
      expect(JSON.parse(await run(['next', '--json'], now))).toBeNull();
    }
    const introduced = seen.filter((s) => s.queue === 'new');
    expect(introduced.map((s) => [s.day, s.card])).toEqual([
      [0, 'sim/c1'],
      [0, 'sim/c2'],
      [1, 'sim/c3'],
      [1, 'sim/c4'],
    ]);
    for (const s of introduced) expect(s.in).toBe(10 * MINUTE);
    expect(JSON.parse(await run(['history', '--json'], start + 3 * DAY))).toHaveLength(seen.length);
  }, 60_000);
});
