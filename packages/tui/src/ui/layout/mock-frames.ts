// The mock interview's screens (grill mock): a question with its countdown, and the report at
// the end. Pure functions of the state's data, like frames.ts.
import { type MockReport, terminalSafe } from '@grill/core';
import type { CardUiState } from '../card-reducer.js';
import { type KeyContext, keyLabel } from '../keymap.js';
import { renderInline } from '../markdown.js';
import type { CurrentCard } from '../session.js';
import { cardBody } from './card-lines.js';
import {
  keysFooter,
  messageLines,
  SCROLL_ACTIONS,
  type ScreenParts,
  type SessionProgress,
} from './frames.js';
import { ratingItems } from './screen-lines.js';
import { hang, joinWrapped, palette, spread, truncate, wrap } from './text.js';

export interface MockCardInput {
  context: KeyContext;
  current: CurrentCard;
  ui: CardUiState;
  session: SessionProgress;
  /** When the interview's minutes run out, each question's time, and whether this one's ran out. */
  interview: { endsAt: number; perCardMs: number; timedOut: boolean };
  message: string | null;
  now: number;
}

/** `m:ss`, rounded up: a countdown shows 2:00 at its start and 0:00 only when it has run out. */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function mockCardParts(
  { context, current, ui, session, interview, message, now }: MockCardInput,
  cols: number,
  color: boolean,
): ScreenParts {
  const c = palette(color);
  const card = current.card.content;
  const body = cardBody(card, ui, cols, color);
  const lines =
    ui.phase === 'question'
      ? [...body.lines, '', ...wrap(c.dim('Answer aloud, as in the interview.'), cols)]
      : body.lines;
  const left = current.shownAt + interview.perCardMs - now;
  const clock =
    ui.phase === 'revealed'
      ? interview.timedOut
        ? c.red("time's up")
        : c.dim('answered')
      : (left <= 30_000 ? c.yellow.bold : c.cyan)(`${countdown(left)} to answer`);
  const tags = card.tags.length ? ` · ${terminalSafe(card.tags.join(', '))}` : '';
  const more = session.left().new + session.left().learning + session.left().review;
  const progress = `${session.answered} answered · ${more} more ${more === 1 ? 'question' : 'questions'} · ${countdown(interview.endsAt - now)} left in the interview`;
  const confirm = keyLabel(context, 'confirm-rating');
  return {
    context,
    header: [
      spread(`${c.magenta.bold(terminalSafe(card.deckId))}${c.dim(` · mock interview${tags}`)}`, clock, cols),
      truncate(c.dim(progress), cols),
    ],
    body: lines,
    focus: body.focus,
    footer: (scrollable) => [
      ...(card.kind === 'open' && ui.phase === 'revealed'
        ? [c.dim(`covered ${ui.covered.length} of ${card.rubric.length} rubric points`)]
        : []),
      ...(ui.phase === 'revealed'
        ? joinWrapped(ratingItems(current.intervals, current.previewAt, ui.rating, color, confirm), cols)
        : []),
      ...messageLines(message, cols, color),
      ...keysFooter(context, cols, color, (a) => !SCROLL_ACTIONS.includes(a) || scrollable),
    ],
  };
}

const pct = (covered: number, points: number) =>
  points === 0 ? '—' : `${Math.round((covered / points) * 100)}%`;

/** The report: the totals, then per topic the points covered, the time per answer, the points missed. */
export function mockReportLines(report: MockReport, early: boolean, cols: number, color: boolean): string[] {
  const c = palette(color);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines = [
    c.bold.green(early ? 'Mock interview ended' : 'Mock interview over'),
    '',
    ...wrap(
      `${plural(report.answers, 'answer', 'answers')} in ${countdown(report.timeMs)} · covered ${report.covered} of ${report.points} rubric points (${pct(report.covered, report.points)})`,
      cols,
    ),
  ];
  if (report.topics.length === 0) lines.push('', c.dim('no question answered'));
  for (const t of report.topics) {
    lines.push(
      '',
      ...hang(
        `${c.magenta.bold(terminalSafe(t.topic))}  `,
        `${t.covered}/${t.points} points (${pct(t.covered, t.points)}) · ${countdown(t.msPerAnswer)} per answer · ${plural(t.answers, 'answer', 'answers')}`,
        cols,
      ),
    );
    if (t.missed.length > 0) lines.push(c.dim('  most often missed:'));
    for (const m of t.missed) {
      const times = m.timesMissed === 1 ? '' : c.yellow(` (missed ${m.timesMissed}×)`);
      lines.push(
        ...hang(
          `  ${c.red('✗')} `,
          `${renderInline(m.point.replace(/\s+/g, ' '), { color })}${c.dim(` — ${terminalSafe(m.card)}`)}${times}`,
          cols,
        ),
      );
    }
  }
  return lines;
}

export function mockReportParts(
  report: MockReport,
  early: boolean,
  message: string | null,
  cols: number,
  color: boolean,
): ScreenParts {
  return {
    context: 'mock-report',
    header: [],
    body: mockReportLines(report, early, cols, color),
    focus: null,
    footer: (scrollable) => [
      ...messageLines(message, cols, color),
      ...keysFooter('mock-report', cols, color, (a) => !SCROLL_ACTIONS.includes(a) || scrollable),
    ],
  };
}
