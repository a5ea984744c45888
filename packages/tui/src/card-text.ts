// How a card's summary and detail are written: the columns of `grill cards` and of the card
// browser's list, the fields and history of `grill show` and of the browser's card. One
// definition for both, so the terminal UI shows what the commands print.
import {
  type Card,
  type CardAnswer,
  type CardDetail,
  type CardSummary,
  formatInterval,
  terminalSafe,
} from '@grill/core';
import cliTruncate from 'cli-truncate';
import { displayWidth } from './ui/display-width.js';

const DAY_MS = 86_400_000;

/** `review`, `suspended+leech`: what the card is now, and whether it is a leech. */
export const stateLabel = (c: CardSummary) => `${c.status}${c.leech ? '+leech' : ''}`;
export const percent = (r: number | null) => (r === null ? '-' : `${Math.round(r * 100)}%`);
const days = (d: number | null) => (d === null ? '-' : formatInterval(d * DAY_MS));

interface Column {
  readonly name: string;
  /** Right-aligned: the numbers. */
  readonly right: boolean;
  readonly cell: (c: CardSummary) => string;
}

/** The columns of a card list, in order; the title, last, takes what the others leave. */
const COLUMNS: readonly Column[] = [
  { name: 'key', right: false, cell: (c) => terminalSafe(c.key) },
  { name: 'state', right: false, cell: stateLabel },
  { name: 'due', right: false, cell: (c) => c.dueDay ?? '-' },
  { name: 'stability', right: true, cell: (c) => days(c.stability) },
  { name: 'recall', right: true, cell: (c) => percent(c.retrievability) },
  { name: 'lapses', right: true, cell: (c) => String(c.lapses) },
  { name: 'title', right: false, cell: (c) => terminalSafe(c.title) },
];
const KEY = 0;
const TITLE = COLUMNS.length - 1;
const GAP = 2;

/** Narrowest the title column gets from `grill cards`: on a terminal narrower than that, lines wrap. */
const MIN_TITLE = 10;

/**
 * The list as `grill cards` prints it, header first, in `columns` (null: no limit). The title takes
 * what the other columns leave, cut with … when it does not fit; on a narrow terminal due, recall,
 * lapses and stability are dropped first (see OPTIONAL). Keys are never cut (they name the card).
 */
export function formatCards(list: readonly CardSummary[], columns: number | null): string[] {
  const { cells, widths } = measure(list);
  const order = columns === null ? [...COLUMNS.keys()] : shownColumns(widths, columns, MIN_TITLE);
  if (columns !== null) widths[TITLE] = Math.max(MIN_TITLE, columns - othersWidth(widths, order));
  return [COLUMNS.map((c) => c.name), ...cells].map((row) => joinCells(row, widths, order));
}

/** The browser's narrowest title, and the share of the width a key may take before it is cut. */
const FIT_MIN_TITLE = 12;
const FIT_KEY_SHARE = 0.35;
/** The columns dropped on a narrow window: after key, state and title, these in this order, while they fit. */
const OPTIONAL = ['due', 'recall', 'lapses', 'stability'];

/**
 * The list for a window `cols` wide (the card browser): every line at most `cols` wide, whatever
 * the cards. The columns of `grill cards`, those that fit: a long key is cut in the middle (the
 * card's own view names it whole), then due, recall, lapses and stability are kept while the
 * title keeps a readable width.
 */
export function fitCards(list: readonly CardSummary[], cols: number): { header: string; rows: string[] } {
  const { cells, widths } = measure(list);
  const keyRoom = Math.max(8, Math.floor(cols * FIT_KEY_SHARE));
  widths[KEY] = Math.min(widths[KEY] as number, keyRoom);
  const order = shownColumns(widths, cols, FIT_MIN_TITLE);
  widths[TITLE] = Math.max(1, cols - othersWidth(widths, order));
  const line = (row: readonly string[]) => fit(joinCells(row, widths, order), cols);
  return { header: line(COLUMNS.map((c) => c.name)), rows: cells.map(line) };
}

/** Key, state and title, and of OPTIONAL those that leave the title `minTitle` in `cols`: in column order. */
function shownColumns(widths: readonly number[], cols: number, minTitle: number): number[] {
  const shown = new Set([KEY, 1, TITLE]);
  for (const name of OPTIONAL) {
    const i = COLUMNS.findIndex((c) => c.name === name);
    if (othersWidth(widths, new Set([...shown, i])) + minTitle <= cols) shown.add(i);
  }
  return [...shown].sort((a, b) => a - b);
}

function measure(list: readonly CardSummary[]) {
  const cells = list.map((c) => COLUMNS.map((col) => col.cell(c)));
  const widths = COLUMNS.map((col, i) =>
    Math.max(displayWidth(col.name), ...cells.map((r) => displayWidth(r[i] as string))),
  );
  return { cells, widths };
}

/** The width of the columns `shown` but the title, each with the gap after it. */
function othersWidth(widths: readonly number[], shown: Iterable<number>): number {
  let sum = 0;
  for (const i of shown) if (i !== TITLE) sum += (widths[i] as number) + GAP;
  return sum;
}

function joinCells(row: readonly string[], widths: readonly number[], shown: Iterable<number>): string {
  const cells: string[] = [];
  for (const i of shown) {
    const width = widths[i] as number;
    const text = row[i] as string;
    const fitted =
      displayWidth(text) <= width
        ? text
        : cliTruncate(text, width, { position: i === KEY ? 'middle' : 'end' });
    if (i === TITLE) cells.push(fitted);
    else {
      const pad = ' '.repeat(Math.max(0, width - displayWidth(fitted)));
      cells.push((COLUMNS[i] as Column).right ? pad + fitted : fitted + pad);
    }
  }
  return cells.join(' '.repeat(GAP));
}

const fit = (line: string, cols: number) => (displayWidth(line) <= cols ? line : cliTruncate(line, cols));

/** A card's memory state as `grill show` lists it, one `name value` pair a line. */
export function detailFields(d: CardDetail, now: number): [string, string][] {
  const flags = [
    d.retired && 'retired (no longer in its deck file; its history is kept)',
    d.suspended && 'suspended',
    d.buried && 'buried',
    d.leech && 'leech',
  ].filter(Boolean);
  const due =
    d.due === null
      ? 'not yet (never answered)'
      : `${d.dueDay} (${d.due <= now ? `${formatInterval(now - d.due)} ago` : `in ${formatInterval(d.due - now)}`})`;
  return [
    ['phase', d.phase],
    ['flags', flags.length > 0 ? flags.join(', ') : '-'],
    ['due', due],
    ['stability', d.stability === null ? '-' : `${d.stability.toFixed(2)} days`],
    ['difficulty', d.difficulty === null ? '-' : d.difficulty.toFixed(2)],
    ['recall now', percent(d.retrievability)],
    ['answers', `${d.reps}, lapses ${d.lapses}`],
    ['source', `${d.source.file}:${d.source.line}`],
  ];
}

/** Every answer in effect, oldest first, one a line (none: a line saying so). */
export function historyLines(d: CardDetail): string[] {
  if (d.history.length === 0) return ['no answers yet'];
  return [
    'history:',
    ...d.history.map(
      (a) =>
        `${new Date(a.at).toISOString()}  ${a.ratingName.padEnd(5)}  ${a.phaseBefore.padEnd(10)}  next in ${formatInterval(a.intervalDays * DAY_MS)}${answered(a, d.content)}`,
    ),
  ];
}

/** What an answer recorded, after its line: the text typed, the options chosen, the points covered. */
function answered(a: CardAnswer, card: Card): string {
  const d = a.detail;
  if (!d) return '';
  const verdict = d.correct === undefined ? '' : d.correct ? ' (right)' : ' (wrong)';
  if (d.typed !== undefined) return `  typed ${JSON.stringify(d.typed)}${verdict}`;
  if (d.chosen) return `  chose ${d.chosen.map((i) => i + 1).join(', ') || 'nothing'}${verdict}`;
  if (d.covered && card.kind === 'open') return `  covered ${d.covered.length} of ${card.rubric.length}`;
  return '';
}
