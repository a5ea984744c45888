import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { grill, tempDir } from '../test-support/run-grill.js';
import { formatSimulation } from './simulate.js';

const NOW = '2026-03-02T09:00:00Z';

describe('grill simulate', () => {
  it('reports per retention: reviews and minutes a day, cards remembered; a table and a chart; clear errors', async () => {
    const home = tempDir('grill-simulate-');
    const content = deckDir();
    const run = (args: string[]) => grill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
    await run(['review', 'kinds/basic', '--rating', 'good']);
    const json = JSON.parse(
      (await run(['simulate', '--json', '--days', '10', '--retention', '0.85,0.9'])).stdout,
    );
    expect(json).toMatchObject({ days: 10, seed: 0 });
    expect(json.results.map((r: { retention: number }) => r.retention)).toEqual([0.85, 0.9]);
    for (const r of json.results)
      expect(Object.keys(r).sort()).toEqual([
        'backlog',
        'minutesPerDay',
        'remembered',
        'retention',
        'reviewsPerDay',
      ]);
    const text = (await run(['simulate', '--days', '10'])).stdout;
    expect(text).toMatch(/^retention {2}reviews\/day {2}min\/day {2}remembered at the end$/m);
    expect(text).toMatch(/^ +95% +\d/m);
    const bad = await run(['simulate', '--retention', '0.5']);
    expect(bad.stderr).toBe(
      'grill: bad --retention "0.5": desired retentions from 0.7 to 0.99, e.g. 0.85,0.9\n',
    );
    expect((await run(['simulate', '--days', 'x'])).stderr).toBe(
      'grill: bad --days "x": a whole number, 0 or more\n',
    );
    expect((await run(['simulate', '--retention', '0.8 0.9'])).stderr).toBe(
      'grill: bad --retention "0.8 0.9": desired retentions from 0.7 to 0.99, separated by commas, e.g. 0.85,0.9\n',
    );
    // Duplicates merged, lowest first; a long run charted within the terminal's width (80 columns here).
    const merged = JSON.parse(
      (await run(['simulate', '--json', '--days', '5', '--retention', '0.9,0.8,0.90'])).stdout,
    );
    expect(merged.results.map((r: { retention: number }) => r.retention)).toEqual([0.8, 0.9]);
    const long = (await run(['simulate', '--days', '365'])).stdout;
    for (const line of long.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });
});

describe('the simulation as text', () => {
  const row = (retention: number, backlog: number) => ({
    retention,
    reviewsPerDay: 200,
    minutesPerDay: 60,
    remembered: 900,
    perDay: [200, 200, 200],
    backlog,
  });

  it('labels retentions as precisely as typed, and says when the daily review limit holds reviews back', () => {
    const text = formatSimulation(3, [row(0.875, 120), row(0.88, 150)], 80, 200);
    expect(text).toContain('    87.5%');
    expect(text).toContain('      88%');
    expect(text).toContain(
      'The daily review limit (reviews-per-day 200) holds reviews back: still waiting at the end, 120 at 87.5%, 150 at 88%.',
    );
    expect(formatSimulation(3, [row(0.9, 0)], 80, 200)).not.toContain('holds reviews back');
  });
});
