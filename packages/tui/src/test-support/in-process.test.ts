import { describe, expect, it } from 'vitest';
import { grill, runGrill, tempDir } from './run-grill.js';

describe('grill() runs a command line in this process as the binary would', () => {
  it('gives the same status, stdout and stderr as the binary', async () => {
    const home = tempDir('grill-home-');
    const cases = [
      ['--version'],
      ['due', '--json'],
      ['review', 'nope/nope', '--rating', 'good'],
      ['frobnicate'],
    ];
    for (const args of cases) {
      const inProcess = await grill(args, { home, now: '2026-03-02T09:00:00Z' });
      const binary = runGrill(args, { home, now: '2026-03-02T09:00:00Z' });
      expect(inProcess, args.join(' ')).toEqual(binary);
    }
    expect(process.exitCode).toBeUndefined();
  });
});
