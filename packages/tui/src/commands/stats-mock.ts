import type { MockSessionSummary } from '@grill/core';

/** How many past mock interviews grill stats lists. */
export const MOCK_HISTORY_SHOWN = 10;

/** Lines for grill stats: the mock interviews, newest first (none: no lines). */
export function formatMockHistory(history: readonly MockSessionSummary[]): string[] {
  if (history.length === 0) return [];
  const shown = history.slice(0, MOCK_HISTORY_SHOWN);
  const more = history.length - shown.length;
  return [
    `mock interviews${more > 0 ? ` (the last ${shown.length} of ${history.length})` : ''}`,
    ...shown.map((m) => {
      const pct = m.points === 0 ? '—' : `${Math.round((m.covered / m.points) * 100)}%`;
      const cards = `${m.cards} card${m.cards === 1 ? '' : 's'}`;
      return `  ${m.started}  ${cards.padEnd(9)} ${m.covered}/${m.points} rubric points covered (${pct})`;
    }),
  ];
}
