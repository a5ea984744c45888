import { knownCard, history as readHistory } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';

export function history(cardKey: string | undefined, opts: { json?: boolean }): Promise<void> {
  return withGrill((grill) => {
    const entries = readHistory(grill, cardKey);
    // A retired card (gone from its deck file) keeps its history; only a key never seen is unknown.
    if (cardKey && entries.length === 0) knownCard(grill, cardKey);
    if (opts.json) {
      printJson(entries);
      return;
    }
    for (const e of entries)
      printText(`${e.at}  ${e.ratingName.padEnd(5)}  ${String(e.durationMs).padStart(6)}ms  ${e.card}`);
    if (entries.length === 0) printText('no answers yet');
  });
}
