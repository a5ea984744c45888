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
    // Columns as wide as their widest cell, the total row included: deck ids left, counts right.
    const rows = [...queue.perDeck, { deckId: 'total', ...total }].map((d) => [
      d.deckId,
      String(d.learning),
      String(d.review),
      String(d.new),
    ]);
    const header = ['deck', 'learning', 'review', 'new'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    for (const row of [header, ...rows])
      process.stdout.write(
        `${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[i] as number))).join('  ')}\n`,
      );
    if (exam && exam.reviewsNeeded > exam.reviewLimit)
      process.stdout.write(
        `the review-only days before the interview need at least ${exam.reviewsNeeded} reviews a day to show every card once; the limit is ${exam.reviewLimit} (grill config set reviews-per-day ${exam.reviewLimitAdvised})\n`,
      );
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
