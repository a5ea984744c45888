import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

describe('grill optimize', () => {
  it('with little history keeps the weights in use and says how many answers are missing; --json has the fields', async () => {
    const home = tempDir('grill-optimize-');
    const content = deckDir();
    const run = (args: string[]) => grill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
    await run(['review', 'kinds/basic', '--rating', 'good']);
    const text = await run(['optimize']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toBe(
      '1 answer on 1 card.\nKept: 1 answer so far: 399 more are needed before fitted weights can be trusted (the weights in use stay).\n',
    );
    const json = JSON.parse((await run(['optimize', '--json', '--dry-run'])).stdout);
    for (const field of ['reviews', 'adopted', 'reason', 'before', 'after', 'weights'])
      expect(json).toHaveProperty(field);
    expect(json).toMatchObject({ reviews: 1, adopted: false, after: null, weights: null });
    const bad = await run(['optimize', '--timeout', 'soon']);
    expect(bad.stderr).toBe('grill: bad --timeout "soon": seconds, e.g. 120\n');
    const table = (await run(['config', 'get'])).stdout;
    expect(table).toMatch(/^weights +\(default\) +FSRS-6 weights fitted by grill optimize/m);
  });
});
