import { InvalidInputError, type Plan, type PlanGroup, percent, plan } from '@grill/core';
import { withGrill } from '../context.js';
import { count, printJson, printText } from '../output.js';

export interface PlanCommandOptions {
  date?: string;
  deck?: string;
  minutes?: string;
  json?: boolean;
}

/** `grill plan`: readiness for the interview date, the pace and the minutes a day, and a verdict. */
export function planCommand(opts: PlanCommandOptions): Promise<void> {
  const minutes = opts.minutes === undefined ? undefined : Number(opts.minutes);
  if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0))
    throw new InvalidInputError('bad-minutes', `bad --minutes "${opts.minutes}": minutes a day, e.g. 30`);
  return withGrill((grill, now) => {
    const result = plan(grill, now, {
      ...(opts.date !== undefined ? { date: opts.date } : {}),
      ...(opts.deck !== undefined ? { deck: opts.deck } : {}),
      ...(minutes !== undefined ? { minutes } : {}),
    });
    if (opts.json) printJson(result);
    else printText(formatPlan(result));
  });
}

const pct = (x: number) => percent(x);
/** Tags shown in the weakest-tags list. */
const WEAKEST_TAGS = 8;

/** The plan as the terminal shows it. */
export function formatPlan(p: Plan): string {
  const when = p.daysLeft === 0 ? 'today' : p.daysLeft === 1 ? 'tomorrow' : `in ${p.daysLeft} days`;
  const reviewOnly =
    p.daysLeft === 0 || p.reviewOnlyDays === 0
      ? ''
      : p.reviewOnlyToday
        ? ' (a review-only day: no new cards)'
        : ` (the last ${p.reviewOnlyDays === 1 ? 'day' : `${p.reviewOnlyDays} days`} for review only)`;
  const time = p.measured
    ? `at your ${p.secondsPerAnswer} s an answer`
    : `at ${p.secondsPerAnswer} s an answer (a default until you have answered more cards)`;
  const pace =
    p.newPerDayNeeded > p.newPerDay && !p.reviewOnlyToday
      ? `${count(p.newPerDay, 'new card')} today (${p.newPerDayNeeded} needed)`
      : `${count(p.newPerDay, 'new card')} today`;
  const lines = [`Interview ${p.date}, ${when}${reviewOnly}.`];
  if (p.daysLeft > 0)
    lines.push(
      `Pace: ${pace}; about ${Math.ceil(p.minutesPerDay)} min a day (${Math.ceil(p.peakMinutes)} on the busiest) ${time}.`,
    );
  lines.push(
    '',
    table('deck', [...p.decks.map((d) => ({ name: d.deck, ...d })), { name: 'all', ...p.total }]),
  );
  const weakest = p.tags.filter((t) => t.cards >= 2).slice(0, WEAKEST_TAGS);
  if (weakest.length > 0)
    lines.push(
      '',
      table(
        'weakest tags',
        weakest.map((t) => ({ name: t.tag, ...t })),
      ),
    );
  lines.push('', p.verdict, ...p.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

function table(title: string, rows: (PlanGroup & { name: string })[]): string {
  const width = Math.max(title.length, ...rows.map((r) => r.name.length));
  const head = `${title.padEnd(width)}  cards  unseen  if stopped  on schedule  at risk`;
  const body = rows.map(
    (r) =>
      `${r.name.padEnd(width)}  ${String(r.cards).padStart(5)}  ${String(r.unseen).padStart(6)}  ${pct(r.recallIfStopped).padStart(10)}  ${pct(r.recallOnSchedule).padStart(11)}  ${String(r.atRisk).padStart(7)}`,
  );
  return [head, ...body].join('\n');
}
