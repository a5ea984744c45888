import { InvalidInputError, type Plan, type PlanGroup, plan } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';

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

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** Tags shown in the weakest-tags list. */
const WEAKEST_TAGS = 8;

/** The plan as the terminal shows it. */
export function formatPlan(p: Plan): string {
  const when = p.daysLeft === 0 ? 'today' : p.daysLeft === 1 ? 'tomorrow' : `in ${p.daysLeft} days`;
  const reviewOnly =
    p.reviewOnlyDays === 0
      ? ''
      : ` (the last ${p.reviewOnlyDays === 1 ? 'day' : `${p.reviewOnlyDays} days`} for review only)`;
  const time = p.measured
    ? `at your ${p.secondsPerAnswer} s an answer`
    : `at ${p.secondsPerAnswer} s an answer (a default until you have answered more cards)`;
  const lines = [
    `Interview ${p.date}, ${when}${reviewOnly}.`,
    `Pace: ${p.newPerDay} new cards a day; about ${Math.ceil(p.minutesPerDay)} min a day (${Math.ceil(p.peakMinutes)} on the busiest) ${time}.`,
    '',
    table('deck', [...p.decks.map((d) => ({ name: d.deck, ...d })), { name: 'all', ...p.total }]),
  ];
  const weakest = p.tags.filter((t) => t.cards >= 2).slice(0, WEAKEST_TAGS);
  if (weakest.length > 0)
    lines.push(
      '',
      table(
        'weakest tags',
        weakest.map((t) => ({ name: t.tag, ...t })),
      ),
    );
  lines.push('', p.verdict);
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
