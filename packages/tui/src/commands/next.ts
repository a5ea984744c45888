import { dailyQueue, nextEntry } from '@grill/core';
import { cardView, formatCardView } from '../card-view.js';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';

export function next(opts: { json?: boolean; deck?: string; tag?: string }): Promise<void> {
  return withGrill((grill, now) => {
    if (opts.deck) grill.requireDeck(opts.deck);
    if (opts.tag !== undefined) grill.requireTag(opts.tag);
    const queue = dailyQueue(grill, now, {
      ...(opts.deck ? { deck: opts.deck } : {}),
      ...(opts.tag ? { tag: opts.tag } : {}),
    });
    const entry = nextEntry(queue, now);
    if (!entry) {
      if (opts.json) printJson(null);
      else process.stdout.write('nothing due\n');
      return;
    }
    const card = grill.requireCard(entry.cardKey);
    const view = { ...cardView(grill, card, grill.state(entry.cardKey), now), queue: entry.kind };
    if (opts.json) printJson(view);
    else printText(formatCardView(view));
  });
}
