import {
  type CardDetail,
  type CardSummary,
  cardDetail,
  formatInterval,
  InvalidInputError,
  listCards,
  terminalSafe,
} from '@grill/core';
import cliTruncate from 'cli-truncate';
import { cardView, formatCardView } from '../card-view.js';
import { withGrill } from '../context.js';
import { printJson, printText, terminalColumns } from '../output.js';
import { displayWidth } from '../ui/display-width.js';

export interface CardsCommandOptions {
  deck?: string;
  tag?: string;
  search?: string;
  state?: string;
  dueBefore?: string;
  sort?: string;
  limit?: string;
  json?: boolean;
}

/** `grill cards`: the active cards, one a line (the engine filters, searches and sorts). */
export function cards(opts: CardsCommandOptions): Promise<void> {
  const limit = opts.limit === undefined ? undefined : positiveWhole('limit', opts.limit);
  return withGrill((grill, now) => {
    const list = listCards(grill, now, {
      ...(opts.deck !== undefined ? { deck: opts.deck } : {}),
      ...(opts.tag !== undefined ? { tag: opts.tag } : {}),
      ...(opts.search !== undefined ? { search: opts.search } : {}),
      ...(opts.state !== undefined ? { state: opts.state } : {}),
      ...(opts.dueBefore !== undefined ? { dueBefore: opts.dueBefore } : {}),
      ...(opts.sort !== undefined ? { sort: opts.sort } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    if (opts.json) printJson(list.map(summaryJson));
    else if (list.length === 0) printText('no cards');
    else for (const line of formatCards(list, terminalColumns())) printText(line);
  });
}

/** `grill show CARD`: the card, its memory state and its answers. */
export function show(cardKey: string, opts: { json?: boolean }): Promise<void> {
  return withGrill((grill, now) => {
    const detail = cardDetail(grill, cardKey, now);
    // The card as `grill next` shows it: content, source, what each rating would give now — or,
    // with the clock behind the card's last event, at that event's time, when an answer would be recorded.
    const state = grill.state(cardKey);
    const view = cardView(grill, grill.requireCard(cardKey), state, Math.max(now, state.lastEventAt ?? now));
    if (opts.json) {
      const { state: _phase, ...content } = view;
      printJson({
        ...content,
        ...summaryJson(detail),
        history: detail.history.map((a) => ({
          ...a,
          at: iso(a.at),
          interval: formatInterval(a.intervalDays * DAY_MS),
        })),
      });
      return;
    }
    printText(formatCardView(view));
    printText(formatDetail(detail, now));
  });
}

/** `raw` as typed after --`flag`, a positive whole number (digits only: not 1e3, 0x10 or 2.0). */
function positiveWhole(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidInputError(`bad-${flag}`, `bad --${flag} "${raw}": a positive whole number`);
  return n;
}

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A card's summary as JSON: times as ISO instants (null while never answered). */
function summaryJson(c: CardSummary) {
  return {
    key: c.key,
    deck: c.deck,
    kind: c.kind,
    title: c.title,
    tags: c.tags,
    state: c.status,
    phase: c.phase,
    due: iso(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    retrievability: c.retrievability,
    reps: c.reps,
    lapses: c.lapses,
    suspended: c.suspended,
    buried: c.buried,
    buriedUntil: iso(c.buriedUntil),
    leech: c.leech,
    lastReview: iso(c.lastReview),
  };
}

/** `review`, `suspended+leech`: what the card is now, and whether it is a leech. */
const stateLabel = (c: CardSummary) => `${c.status}${c.leech ? '+leech' : ''}`;
const percent = (r: number | null) => (r === null ? '-' : `${Math.round(r * 100)}%`);
const days = (d: number | null) => (d === null ? '-' : formatInterval(d * DAY_MS));

/** Narrowest the title column gets: on a terminal narrower than that, lines wrap. */
const MIN_TITLE = 10;

/**
 * The list as a table, one card a line, in `columns` (null: no limit). The title takes what the
 * other columns leave, cut with … when it does not fit; keys are never cut (they name the card).
 */
export function formatCards(list: readonly CardSummary[], columns: number | null): string[] {
  const rows = list.map((c) => [
    terminalSafe(c.key),
    stateLabel(c),
    c.dueDay ?? '-',
    days(c.stability),
    percent(c.retrievability),
    String(c.lapses),
    terminalSafe(c.title),
  ]);
  const header = ['key', 'state', 'due', 'stability', 'recall', 'lapses', 'title'];
  // Right-aligned: the numbers.
  const right = [false, false, false, true, true, true, false];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] as string))),
  );
  const gap = 2;
  const title = header.length - 1;
  if (columns !== null) {
    const others = widths.slice(0, title).reduce((sum, w) => sum + w + gap, 0);
    widths[title] = Math.max(MIN_TITLE, columns - others);
  }
  const cell = (text: string, i: number) => {
    const width = widths[i] as number;
    const fitted = displayWidth(text) > width ? cliTruncate(text, width) : text;
    if (i === title) return fitted;
    const pad = ' '.repeat(Math.max(0, width - displayWidth(fitted)));
    return right[i] ? pad + fitted : fitted + pad;
  };
  return [header, ...rows].map((r) => r.map(cell).join(' '.repeat(gap)));
}

/** The memory state, due date, flags, source and answers of a card, after the card itself. */
export function formatDetail(d: CardDetail, now: number): string {
  const c = d.content;
  const lines: string[] = [''];
  if (c.kind === 'choice')
    lines.push(`correct: ${c.options.flatMap((o, i) => (o.correct ? [String(i + 1)] : [])).join(', ')}`);
  if (c.kind === 'typed') lines.push(`accepted: ${c.accept.join(' | ')}`);
  if (c.kind === 'open') lines.push('rubric:', ...c.rubric.map((p) => `  - ${p}`));
  if (c.answer) lines.push('answer:', c.answer);
  if (c.why) lines.push(`why: ${c.why}`);
  if (c.mistake) lines.push(`common mistake: ${c.mistake}`);
  if (lines.length > 1) lines.push('');
  const flags = [d.suspended && 'suspended', d.buried && 'buried', d.leech && 'leech'].filter(Boolean);
  const due =
    d.due === null
      ? 'not yet (never answered)'
      : `${d.dueDay} (${d.due <= now ? `${formatInterval(now - d.due)} ago` : `in ${formatInterval(d.due - now)}`})`;
  const field = (name: string, value: string) => `${name.padEnd(12)}${value}`;
  lines.push(
    field('phase', d.phase),
    field('flags', flags.length > 0 ? flags.join(', ') : '-'),
    field('due', due),
    field('stability', d.stability === null ? '-' : `${d.stability.toFixed(2)} days`),
    field('difficulty', d.difficulty === null ? '-' : d.difficulty.toFixed(2)),
    field('recall now', percent(d.retrievability)),
    field('answers', `${d.reps}, lapses ${d.lapses}`),
    field('source', `${d.source.file}:${d.source.line}`),
    '',
  );
  if (d.history.length === 0) lines.push('no answers yet');
  else {
    lines.push('history:');
    for (const a of d.history)
      lines.push(
        `${new Date(a.at).toISOString()}  ${a.ratingName.padEnd(5)}  ${a.phaseBefore.padEnd(10)}  next in ${formatInterval(a.intervalDays * DAY_MS)}`,
      );
  }
  return terminalSafe(lines.join('\n'));
}
