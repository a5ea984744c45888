import type { CardUiState } from '../card-reducer.js';
import { footerItems, helpLines, type KeyAction, type KeyContext, keyLabel } from '../keymap.js';
import type { CurrentCard, SessionCounts } from '../session.js';
import type { HomeData, StatsData } from '../view-data.js';
import { composeFrame } from '../viewport.js';
import { cardBody } from './card-lines.js';
import {
  cardHeader,
  homeLines,
  homeStatus,
  pickerLines,
  progressLine,
  ratingItems,
  type SummaryInput,
  statsLines,
  summaryLines,
} from './screen-lines.js';
import { joinWrapped, palette, wrap } from './text.js';

/** A screen cut into its parts: what stays at the top, what scrolls, what stays at the bottom. */
export interface ScreenParts {
  /** Where the keys are read: the scroll markers name a paging key only where one works. */
  context: KeyContext;
  header: string[];
  body: string[];
  /** Body lines to keep in view when following the focus (the rubric point, the picked row). */
  focus: { start: number; end: number } | null;
  /** The footer, told whether the body scrolls (its keys are listed only then). */
  footer: (scrollable: boolean) => string[];
}

export const SCROLL_ACTIONS: readonly KeyAction[] = [
  'scroll-up',
  'scroll-down',
  'page-up',
  'page-down',
  'scroll-top',
  'scroll-bottom',
];

/** The keys line(s): exactly the bindings that work in `context` now. */
export function keysFooter(
  context: KeyContext,
  cols: number,
  color: boolean,
  enabled: (action: KeyAction) => boolean,
  keys: Partial<Record<KeyAction, string>> = {},
  labels: Partial<Record<KeyAction, string>> = {},
): string[] {
  const c = palette(color);
  return joinWrapped(footerItems(context, enabled, keys, labels), cols).map((l) => c.dim(l));
}

export function messageLines(message: string | null, cols: number, color: boolean): string[] {
  return message ? wrap(palette(color).yellow(message), cols) : [];
}

/** What the card screen shows of the session (a DrillSession, or a snapshot of one). */
export interface SessionProgress {
  readonly answered: number;
  left(): SessionCounts;
  canUndo(): boolean;
}

export interface CardPartsInput {
  context: KeyContext;
  current: CurrentCard;
  ui: CardUiState;
  session: SessionProgress;
  message: string | null;
  now: number;
}

export function cardParts(
  { context, current, ui, session, message, now }: CardPartsInput,
  cols: number,
  color: boolean,
): ScreenParts {
  const card = current.card.content;
  const { lines, focus } = cardBody(card, ui, cols, color);
  // `Enter = Good`: the key that confirms the pre-selected rating here.
  const confirm = keyLabel(context, 'confirm-rating');
  const ratings = () => ratingItems(current.intervals, current.previewAt, ui.rating, color, confirm);
  return {
    context,
    header: [
      cardHeader(card.deckId, card.kind, current.entry.kind, card.tags, now - current.shownAt, cols, color),
      progressLine(session.answered, session.left(), cols, color),
    ],
    body: lines,
    focus,
    footer: (scrollable) => [
      // The rubric's tally stays in view however far the rubric scrolls.
      ...(card.kind === 'open' && ui.phase === 'revealed'
        ? [palette(color).dim(`covered ${ui.covered.length} of ${card.rubric.length} rubric points`)]
        : []),
      ...(ui.phase === 'revealed' ? joinWrapped(ratings(), cols) : []),
      ...messageLines(message, cols, color),
      ...keysFooter(
        context,
        cols,
        color,
        (a) => (SCROLL_ACTIONS.includes(a) ? scrollable : a === 'undo' ? session.canUndo() : true),
        card.kind === 'choice' ? { 'toggle-option': `1-${card.options.length}` } : {},
      ),
    ],
  };
}

/** Parts for a screen whose body is plain lines, with an optional status above the keys. */
function simpleParts(
  context: KeyContext,
  header: string[],
  body: string[],
  status: string[],
  message: string | null,
  cols: number,
  color: boolean,
  focus: ScreenParts['focus'] = null,
  enabled: (action: KeyAction) => boolean = () => true,
): ScreenParts {
  return {
    context,
    header,
    body,
    focus,
    footer: (scrollable) => [
      ...status,
      ...messageLines(message, cols, color),
      ...keysFooter(context, cols, color, (a) => (!SCROLL_ACTIONS.includes(a) || scrollable) && enabled(a)),
    ],
  };
}

export function homeParts(data: HomeData, message: string | null, cols: number, color: boolean): ScreenParts {
  return simpleParts(
    'home',
    [],
    homeLines(data, cols, color),
    homeStatus(data, cols, color),
    message,
    cols,
    color,
    null,
    // Study ahead is listed only when it is offered (nothing due, cards due soon).
    (a) => a !== 'study-ahead' || data.studyAhead !== null,
  );
}

export function statsParts(
  data: StatsData,
  message: string | null,
  cols: number,
  color: boolean,
): ScreenParts {
  const weakest = (a: KeyAction) => a !== 'drill-weakest' || data.weakest.length > 0;
  return simpleParts('stats', [], statsLines(data, cols, color), [], message, cols, color, null, weakest);
}

export function summaryParts(input: SummaryInput, cols: number, color: boolean): ScreenParts {
  const body = summaryLines(input, cols, color);
  if (input.early) {
    const c = palette(color);
    return {
      context: 'leaving',
      header: [],
      body,
      focus: null,
      footer: () => [c.dim('any key leaves (every answer is saved)')],
    };
  }
  return simpleParts('summary', [], body, [], null, cols, color);
}

export function pickerParts(
  title: string,
  filter: string,
  items: readonly string[],
  index: number,
  cols: number,
  color: boolean,
): ScreenParts {
  const c = palette(color);
  const header = [c.bold(title), filter ? `filter: ${filter}${c.inverse(' ')}` : c.dim('type to filter')];
  return simpleParts('picker', header, pickerLines(items, index, cols, color), [], null, cols, color, {
    start: index,
    end: index + 1,
  });
}

/** The help overlay: the keys that work where it was opened, generated from the keymap. */
export function helpParts(context: KeyContext, cols: number, color: boolean): ScreenParts {
  const c = palette(color);
  const lines = helpLines(context);
  const keyWidth = Math.min(14, Math.max(...lines.map((l) => l.keys.length)) + 2);
  const body = lines.flatMap((l) => {
    const help = wrap(l.help, Math.max(10, cols - keyWidth));
    return help.map((h, i) => (i === 0 ? c.cyan(l.keys.padEnd(keyWidth)) : ' '.repeat(keyWidth)) + h);
  });
  // The overlay's own keys (scrolling, Ctrl+C) come from the keymap; every other key closes it.
  const keys = (scrollable: boolean) => footerItems('help', (a) => scrollable || !SCROLL_ACTIONS.includes(a));
  return {
    context: 'help',
    header: [c.bold('Keys')],
    body,
    focus: null,
    footer: (scrollable) =>
      joinWrapped([...keys(scrollable), 'any other key closes'], cols).map((l) => c.dim(l)),
  };
}

/**
 * Markers where the body is cut: they say how much is hidden and, where a key pages there in
 * `context` (not in the picker, say), which one.
 */
export function markers(color: boolean, context: KeyContext) {
  const c = palette(color);
  const hint = (action: KeyAction) => {
    const key = keyLabel(context, action);
    return key ? ` (${key})` : '';
  };
  const up = hint('page-up');
  const down = hint('page-down');
  return {
    above: (n: number) => c.dim(`↑ ${n} more line${n === 1 ? '' : 's'} above${up}`),
    below: (n: number) => c.dim(`↓ ${n} more line${n === 1 ? '' : 's'} below${down}`),
  };
}

/**
 * The lines of a whole screen for a terminal of `rows` rows (see composeFrame): the footer lists
 * the scroll keys only when the body overflows, which depends on the footer's own height, so
 * the footer is made a second time when it does.
 */
export function layoutScreen(
  parts: ScreenParts,
  rows: number,
  scroll: { offset: number; follow: boolean },
  color: boolean,
) {
  const compose = (scrollable: boolean) =>
    composeFrame({
      header: parts.header,
      body: parts.body,
      footer: parts.footer(scrollable),
      rows,
      offset: scroll.offset,
      focus: scroll.follow ? parts.focus : null,
      markers: markers(color, parts.context),
    });
  const first = compose(false);
  return parts.body.length > first.bodyHeight ? compose(true) : first;
}
