import { computeStats, formatInterval, mockHistory, readinessTrend, weakSpots } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';
import { formatMockHistory } from './stats-mock.js';
import { formatSections } from './stats-sections.js';

export function stats(opts: { json?: boolean }): Promise<void> {
  return withGrill((grill, now) => {
    const s = computeStats(grill, now);
    const readiness = readinessTrend(grill, now);
    const weak = weakSpots(grill, 10);
    const mocks = mockHistory(grill);
    if (opts.json) {
      printJson({ ...s, readiness, weakSpots: weak, mocks });
      return;
    }
    const rate =
      s.retention30d.rate === null
        ? '—'
        : `${(s.retention30d.rate * 100).toFixed(1)}% of ${s.retention30d.reviews}`;
    printText(
      [
        `today       ${s.today.reviews} answers, ${s.today.newCards} new, ${formatInterval(s.today.timeMs)}`,
        `streak      ${s.streak} day${s.streak === 1 ? '' : 's'}`,
        `retention   ${rate} (30 days)`,
        `cards       ${s.totals.cards} (${s.totals.new} new, ${s.totals.learning} learning, ${s.totals.review} review, ${s.totals.suspended} suspended, ${s.totals.leeches} leeches)`,
        `forecast    ${s.forecast.map((d) => d.due).join(' ')}  (next 14 days)`,
        ...formatSections(readiness, weak),
        ...formatMockHistory(mocks),
      ].join('\n'),
    );
  });
}
