import { dailyQueue, examStatus, formatInterval } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

export function due(opts: { json?: boolean; deck?: string }): Promise<void> {
  return withGrill((grill, now) => {
    if (opts.deck) grill.requireDeck(opts.deck);
    const queue = dailyQueue(grill, now, opts.deck ? { deck: opts.deck } : {});
    const total = queue.perDeck.reduce(
      (t, d) => ({ learning: t.learning + d.learning, review: t.review + d.review, new: t.new + d.new }),
      { learning: 0, review: 0, new: 0 },
    );
    const exam = examStatus(grill, now);
    if (opts.json) {
      printJson({
        decks: queue.perDeck,
        total,
        nextDue: queue.nextDue === null ? null : new Date(queue.nextDue).toISOString(),
        exam,
      });
      return;
    }
    const width = Math.max(4, ...queue.perDeck.map((d) => d.deckId.length));
    process.stdout.write(`${'deck'.padEnd(width)}  learning  review  new\n`);
    for (const d of [...queue.perDeck, { deckId: 'total', ...total }]) {
      process.stdout.write(
        `${d.deckId.padEnd(width)}  ${String(d.learning).padStart(8)}  ${String(d.review).padStart(6)}  ${String(d.new).padStart(3)}\n`,
      );
    }
    if (exam?.reviewOnly && exam.unseen > 0)
      process.stdout.write(
        `review-only day before the interview on ${exam.date}: ${exam.unseen} card${exam.unseen === 1 ? '' : 's'} never seen get no new-card slots (grill drill --cram shows them all)\n`,
      );
    if (total.learning + total.review + total.new === 0) {
      const next = queue.nextDue === null ? '' : ` — next card due in ${formatInterval(queue.nextDue - now)}`;
      process.stdout.write(`all done for today${next}\n`);
    }
  });
}
