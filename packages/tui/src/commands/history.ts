import { history as readHistory } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

export function history(cardKey: string | undefined, opts: { json?: boolean }): Promise<void> {
  return withGrill((grill) => {
    if (cardKey) grill.requireCard(cardKey);
    const entries = readHistory(grill, cardKey);
    if (opts.json) {
      printJson(entries);
      return;
    }
    for (const e of entries)
      process.stdout.write(
        `${e.at}  ${e.ratingName.padEnd(5)}  ${String(e.durationMs).padStart(6)}ms  ${e.card}\n`,
      );
    if (entries.length === 0) process.stdout.write('no answers yet\n');
  });
}
