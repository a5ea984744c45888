import { formatInterval, type Rating, terminalSafe } from '@grill/core';
import { keyLabel } from '../keymap.js';
import { renderInline } from '../markdown.js';
import type { SessionCounts, SessionSummary } from '../session.js';
import type { HomeData, StatsData } from '../view-data.js';
import { hang, palette, spread, truncate, width, wrap } from './text.js';

/**
 * Every screen but the card, as lines of at most `cols` columns: pure functions of the data,
 * tested without rendering. Colour follows `color` (false under NO_COLOR).
 */

export function homeLines(data: HomeData, cols: number, color: boolean): string[] {
  const c = palette(color);
  const total = data.due + data.learning + data.newAvailable;
  const idWidth = Math.min(24, Math.max(4, ...data.decks.map((d) => d.id.length)));
  const lines = [
    truncate(`${c.bold.magenta('grill')}${c.dim(' — backend interview drills')}`, cols),
    '',
    ...wrap(
      `${c.bold(String(data.due))} due · ${c.bold(String(data.learning))} learning · ${c.bold(String(data.newAvailable))} new · ${c.bold(String(data.reviewsToday))} done today · streak ${c.bold(String(data.streak))} ${data.streak === 1 ? 'day' : 'days'}`,
      cols,
    ),
  ];
  if (data.interview) lines.push(interviewLine(data.interview, c, cols));
  if (total === 0)
    lines.push(
      ...wrap(
        c.green(
          `all done for today${data.nextDueInMs === null ? '' : ` — next card due in ${formatInterval(data.nextDueInMs)}`}`,
        ),
        cols,
      ),
    );
  const ahead = data.studyAhead;
  if (ahead)
    lines.push(
      ...wrap(
        c.dim(
          `${ahead.cards} ${ahead.cards === 1 ? 'card comes' : 'cards come'} due in the next ${ahead.days} days: ${keyLabel('home', 'study-ahead')} studies them now`,
        ),
        cols,
      ),
    );
  const ready = data.interview?.decks;
  lines.push(
    '',
    c.dim(truncate(`${'deck'.padEnd(idWidth)}  learn  due  new${ready ? '  ready' : ''}`, cols)),
  );
  for (const d of data.decks) {
    const counts = `${terminalSafe(d.id).slice(0, idWidth).padEnd(idWidth)}  ${String(d.learning).padStart(5)}  ${String(d.review).padStart(3)}  ${String(d.new).padStart(3)}  `;
    const bar = ready ? `${readinessBar(ready[d.id] ?? 0, c)}  ` : '';
    lines.push(truncate(counts + bar + c.dim(terminalSafe(d.title)), cols));
  }
  return lines;
}

/** The countdown and today's plan in one line: the longest form that fits `cols`. */
function interviewLine(
  i: NonNullable<HomeData['interview']>,
  c: ReturnType<typeof palette>,
  cols: number,
): string {
  if (i.daysLeft === 0) return truncate(c.bold.magenta(`interview today (${i.date}) — good luck`), cols);
  const days = i.daysLeft === 1 ? 'tomorrow' : `in ${i.daysLeft} days`;
  const ready = `ready ${c.bold(`${Math.round(i.recall * 100)}%`)}`;
  const todays = i.reviewOnly
    ? i.unseen > 0
      ? [
          `review only: ${i.unseen} unseen wait (grill drill --cram)`,
          `review only, ${i.unseen} unseen`,
          'review only',
        ]
      : ['review only']
    : [`${i.minutesToday} min today`];
  const forms = todays.flatMap((today) => [
    `${c.bold.magenta(`interview ${days}`)}${c.dim(` (${i.date})`)} · ${ready} · ${today}`,
    `${c.bold.magenta(`interview ${days}`)} · ${ready} · ${today}`,
  ]);
  return forms.find((f) => width(f) <= cols) ?? truncate(forms[forms.length - 1] as string, cols);
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Predicted recall on the interview morning as an 8-cell bar and a percentage (11 columns). */
function readinessBar(recall: number, c: ReturnType<typeof palette>): string {
  const eighths = Math.round(Math.min(1, Math.max(0, recall)) * 64);
  const bar = '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
  const tint = recall >= 0.9 ? c.green : recall >= 0.6 ? c.yellow : c.red;
  return `${tint(bar.padEnd(8, '·'))} ${`${Math.round(recall * 100)}%`.padStart(4)}`;
}

/** The home screen's status lines, pinned above the keys. */
export function homeStatus(data: HomeData, cols: number, color: boolean): string[] {
  const c = palette(color);
  if (!data.sync) return [];
  const s = data.sync;
  const when = s.lastSyncAgoMs === null ? 'never synced' : `synced ${formatInterval(s.lastSyncAgoMs)} ago`;
  return wrap(c.dim(`sync: ${s.server} · ${when} · ${s.unsynced} to push (grill sync)`), cols);
}

const SHADES = [' ', '░', '▒', '▓', '█'];
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Heatmap of 26 weeks (a column per week, oldest on the left), 30-day forecast, retention, weakest cards. */
export function statsLines(data: StatsData, cols: number, color: boolean): string[] {
  const c = palette(color);
  const max = Math.max(1, ...data.heatmap.map((d) => d.reviews));
  const weeks = Math.ceil(data.heatmap.length / 7);
  const lines: string[] = [c.bold('Reviews, last 26 weeks')];
  for (let day = 0; day < 7; day++) {
    const row = Array.from({ length: weeks }, (_, week) => {
      const cell = data.heatmap[week * 7 + day];
      if (!cell) return ' ';
      return cell.reviews === 0 ? '·' : (SHADES[Math.min(4, Math.ceil((cell.reviews / max) * 4))] ?? '█');
    }).join('');
    lines.push(c.green(row));
  }
  const fmax = Math.max(1, ...data.forecast.map((d) => d.due));
  const bars = data.forecast
    .map((d) => (d.due === 0 ? ' ' : (BARS[Math.min(7, Math.floor((d.due / fmax) * 7.99))] ?? '█')))
    .join('');
  const first = data.forecast[0]?.date ?? '';
  const last = data.forecast[data.forecast.length - 1]?.date ?? '';
  lines.push(
    '',
    c.bold(`Due, next ${data.forecast.length} days (max ${fmax}/day)`),
    c.cyan(bars),
    c.dim(first + ' '.repeat(Math.max(1, bars.length - first.length - last.length)) + last),
    '',
  );
  const pct = (r: number | null) => (r === null ? '  —  ' : `${(r * 100).toFixed(0).padStart(3)}% `);
  const deckCol = [
    c.bold('True retention (30 days), per deck'),
    ...(data.retentionByDeck.length === 0 ? [c.dim('no reviews yet')] : []),
    ...data.retentionByDeck.map((d) => `${pct(d.rate)} ${terminalSafe(d.name)} (${d.reviews})`),
  ];
  const tagCol = [
    c.bold('per tag'),
    ...data.retentionByTag.slice(0, 8).map((d) => `${pct(d.rate)} ${terminalSafe(d.name)} (${d.reviews})`),
  ];
  // Side by side where both columns fit whole; stacked otherwise (a heading is never cut).
  const half = Math.floor((cols - 2) / 2);
  const fits = (col: string[]) => col.every((l) => width(l) <= half);
  if (fits(deckCol) && fits(tagCol)) {
    for (let i = 0; i < Math.max(deckCol.length, tagCol.length); i++) {
      const left = deckCol[i] ?? '';
      lines.push(`${left}${' '.repeat(half - width(left) + 2)}${tagCol[i] ?? ''}`.trimEnd());
    }
  } else {
    lines.push(...deckCol.flatMap((l) => wrap(l, cols)), '', ...tagCol.flatMap((l) => wrap(l, cols)));
  }
  lines.push('', c.bold('Weakest cards'));
  if (data.weakest.length === 0) lines.push(c.dim('no lapses yet'));
  for (const w of data.weakest) {
    const tint = w.leech ? c.red : c.yellow;
    const label = `${String(w.lapses).padStart(2)} ${w.lapses === 1 ? 'lapse ' : 'lapses'}${w.leech ? ' leech' : '      '} `;
    lines.push(truncate(`${tint(label)}${terminalSafe(w.key)} — ${renderInline(w.title, { color })}`, cols));
  }
  lines.push(...interviewStats(data, cols, color));
  lines.push(
    '',
    ...wrap(
      c.dim(`${data.totals.cards} cards · ${data.totals.review} in review · ${data.totals.leeches} leeches`),
      cols,
    ),
  );
  return lines;
}

/** The readiness trend toward the interview date and the rubric points most often missed. */
function interviewStats(data: StatsData, cols: number, color: boolean): string[] {
  const c = palette(color);
  const lines: string[] = [];
  const r = data.readiness;
  if (r) {
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const spark = r.history.map((d) => BARS[Math.min(7, Math.floor(d.recall * 8))] ?? '█').join('');
    lines.push(
      '',
      c.bold(
        truncate(
          `Readiness for ${r.date} (${r.daysLeft === 0 ? 'today' : r.daysLeft === 1 ? 'tomorrow' : `in ${r.daysLeft} days`}), last ${r.history.length === 1 ? 'day' : `${r.history.length} days`}`,
          cols,
        ),
      ),
      truncate(`${c.magenta(spark)} ${pct(r.history.at(-1)?.recall ?? 0)}`, cols),
    );
  }
  if (data.weakSpots.points.length > 0) {
    const tags = data.weakSpots.tags.filter((t) => t.missed > 0).slice(0, 5);
    lines.push('', c.bold('Most missed rubric points'));
    if (tags.length > 0)
      lines.push(
        ...wrap(
          c.dim(
            `by tag: ${tags.map((t) => `${terminalSafe(t.name)} ${Math.round(t.rate * 100)}%`).join(' · ')}`,
          ),
          cols,
        ),
      );
    for (const p of data.weakSpots.points) {
      const point = renderInline(p.point.replace(/\s+/g, ' '), { color });
      lines.push(
        truncate(
          `${c.yellow(`${p.missed}/${p.answers}`.padStart(5))} ${terminalSafe(p.card)} — ${point}`,
          cols,
        ),
      );
    }
  }
  return lines;
}

export interface SummaryInput {
  summary: SessionSummary;
  /** Cards due again later today, and in tomorrow's day window. */
  upcoming: { laterToday: number; tomorrow: number };
  streak: number;
  /** Ended with q (true) or by running out of cards. */
  early: boolean;
}

export function summaryLines(
  { summary, upcoming, streak, early }: SummaryInput,
  cols: number,
  color: boolean,
): string[] {
  const c = palette(color);
  const s = summary;
  const pct = s.answers === 0 ? '—' : `${Math.round((s.correct / s.answers) * 100)}%`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const rows: [string, string][] = [
    ['answered', `${plural(s.answers, 'answer', 'answers')} on ${plural(s.cards, 'card', 'cards')}`],
    ['correct', pct],
    ['time spent', formatInterval(s.timeMs)],
    ['due later today', String(upcoming.laterToday)],
    ['due tomorrow', String(upcoming.tomorrow)],
    ['streak', plural(streak, 'day', 'days')],
  ];
  return [
    c.bold.green(early ? 'Session ended' : 'Session complete'),
    '',
    ...rows.flatMap(([k, v]) => hang(k.padEnd(17), v, cols)),
  ];
}

/** The picker's rows; the selected one marked. */
export function pickerLines(items: readonly string[], index: number, cols: number, color: boolean): string[] {
  const c = palette(color);
  if (items.length === 0) return [c.dim('nothing matches')];
  return items.map((item, i) =>
    truncate(i === index ? c.cyan(`› ${terminalSafe(item)}`) : `  ${terminalSafe(item)}`, cols),
  );
}

const NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/**
 * `1 Again 10m · 2 Hard 2d · 3 Good 4d · 4 Easy 9d   Enter = Good`, the pre-selected one
 * highlighted; `confirmKey` is the key that confirms it (from the keymap).
 */
export function ratingItems(
  intervals: Record<Rating, number>,
  now: number,
  selected: Rating | null,
  color: boolean,
  confirmKey: string | null,
): string[] {
  const c = palette(color);
  const tints = { 1: c.red, 2: c.yellow, 3: c.green, 4: c.cyan } as const;
  const items = ([1, 2, 3, 4] as Rating[]).map((r) => {
    const text = `${r} ${NAMES[r]} ${formatInterval(intervals[r] - now)}`;
    return selected === r ? tints[r].inverse.bold(color ? text : `[${text}]`) : tints[r](text);
  });
  if (selected && confirmKey) items.push(c.dim(`${confirmKey} = ${NAMES[selected]}`));
  return items;
}

/** The card screen's progress line: `████░░ 3 done · 2 new · 1 learning · 5 review`. */
export function progressLine(done: number, left: SessionCounts, cols: number, color: boolean): string {
  const c = palette(color);
  const text = ` ${done} done · ${c.blue(`${left.new} new`)} · ${c.red(`${left.learning} learning`)} · ${c.green(`${left.review} review`)}`;
  const total = done + left.new + left.learning + left.review;
  const cells = Math.max(4, Math.min(30, cols - width(text)));
  const filled = total === 0 ? cells : Math.round((done / total) * cells);
  return truncate(c.green('█'.repeat(filled)) + c.dim('░'.repeat(cells - filled)) + text, cols);
}

/** `deck · kind · new|learning|review · tags` on the left, the time on this card on the right. */
export function cardHeader(
  deck: string,
  kind: string,
  queue: 'new' | 'learning' | 'review',
  tags: readonly string[],
  elapsedMs: number,
  cols: number,
  color: boolean,
): string {
  const c = palette(color);
  const seconds = Math.floor(Math.max(0, elapsedMs) / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const left = `${c.magenta.bold(terminalSafe(deck))}${c.dim(` · ${kind} · ${queue}${tags.length ? ` · ${terminalSafe(tags.join(', '))}` : ''}`)}`;
  return spread(left, c.dim(clock), cols);
}
