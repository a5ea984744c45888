import {
  type CardDetail,
  type CardSummary,
  cardDetail,
  formatInterval,
  InvalidInputError,
  knownCard,
  listCards,
  terminalSafe,
} from '@grill/core';
import { detailFields, formatCards, historyLines } from '../card-text.js';
import { cardView, formatCardView } from '../card-view.js';
import { withGrill } from '../context.js';
import { printJson, printText, terminalColumns } from '../output.js';

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
    const view = cardView(grill, knownCard(grill, cardKey), state, Math.max(now, state.lastEventAt ?? now));
    if (opts.json) {
      const { state: _phase, ...content } = view;
      printJson({
        ...content,
        ...summaryJson(detail),
        retired: detail.retired,
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

/** The memory state, due date, flags, source and answers of a card, after the card itself. */
export function formatDetail(d: CardDetail, now: number): string {
  const c = d.content;
  const lines: string[] = [''];
  if (c.kind === 'choice')
    lines.push(`correct: ${c.options.flatMap((o, i) => (o.correct ? [String(i + 1)] : [])).join(', ')}`);
  if (c.kind === 'typed') lines.push(`accepted: ${c.accept.join(' | ')}`);
  if (c.kind === 'cloze') lines.push(`c${c.cloze}: ${c.answers.join(', ')}`);
  if (c.kind === 'open') lines.push('rubric:', ...c.rubric.map((p) => `  - ${p}`));
  if (c.answer) lines.push('answer:', c.answer);
  if (c.why) lines.push(`why: ${c.why}`);
  if (c.mistake) lines.push(`common mistake: ${c.mistake}`);
  if (lines.length > 1) lines.push('');
  lines.push(...detailFields(d, now).map(([name, value]) => `${name.padEnd(12)}${value}`), '');
  lines.push(...historyLines(d));
  return terminalSafe(lines.join('\n'));
}
