import type { ReadinessTrend, WeakSpots } from '@grill/core';
import { count } from '../output.js';

const BARS = '▁▂▃▄▅▆▇█';

/** A percentage: one decimal below 10% (a start from zero shows), whole above. */
const pct = (x: number) => (x < 0.1 ? `${(x * 100).toFixed(1)}%` : `${Math.round(x * 100)}%`);

const inDays = (n: number) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`);

/** Lines for the terminal: the readiness sparkline and the most missed rubric points. */
export function formatSections(r: ReadinessTrend | null, w: WeakSpots): string[] {
  const lines: string[] = [];
  if (r) {
    const first = r.history[0]?.recall ?? 0;
    const last = r.history.at(-1)?.recall ?? 0;
    const spark = r.history
      .map((d) => BARS[Math.min(BARS.length - 1, Math.floor(d.recall * BARS.length))])
      .join('');
    lines.push(
      `readiness   ${pct(first)} ${spark} ${pct(last)}  predicted recall on ${r.date} (${inDays(r.daysLeft)}), over the last ${count(r.history.length, 'day')}; see grill plan`,
    );
  }
  if (w.points.length > 0) {
    lines.push('most missed rubric points');
    for (const p of w.points) {
      const point = p.point.replace(/\s+/g, ' ');
      lines.push(
        `  ${p.missed}/${p.answers}  ${p.card}: ${point.length > 70 ? `${point.slice(0, 69)}…` : point}`,
      );
    }
    const tags = w.tags.filter((t) => t.missed > 0).slice(0, 5);
    if (tags.length > 0)
      lines.push(`weakest tags by points missed: ${tags.map((t) => `${t.name} ${pct(t.rate)}`).join(', ')}`);
  }
  return lines;
}
