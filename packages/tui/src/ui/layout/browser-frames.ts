// The card browser's screens: the search field over the list of cards found, and a card opened
// from it. Pure functions of the browser's state, every line at most `cols` wide.
import { type CardDetail, type CardSummary, terminalSafe } from '@grill/core';
import cliTruncate from 'cli-truncate';
import { detailFields, fitCards, historyLines, stateLabel } from '../../card-text.js';
import { type BrowserState, browsedCard, drillable } from '../browser-reducer.js';
import type { KeyAction, KeyContext } from '../keymap.js';
import { cardReference } from './card-lines.js';
import { keysFooter, messageLines, SCROLL_ACTIONS, type ScreenParts } from './frames.js';
import { hang, palette, spread, truncate, width } from './text.js';

const truncateStart = (text: string, cols: number) =>
  width(text) <= cols ? text : cliTruncate(text, cols, { position: 'start' });

/** The marker before the selected row, and as much room before the others. */
const MARK = '› ';
const INDENT = '  ';

/** The list as a table, read again only when the cards or the width change (not at every key). */
let lastTable: { cards: readonly CardSummary[]; cols: number; table: ReturnType<typeof fitCards> } | null =
  null;
function table(cards: readonly CardSummary[], cols: number) {
  if (lastTable?.cards !== cards || lastTable.cols !== cols)
    lastTable = { cards, cols, table: fitCards(cards, cols) };
  return lastTable.table;
}

/**
 * The search field and the column names (pinned), the cards found (scrolled, the selected one kept
 * in view), the keys that work now: a key that needs a card is listed only when one is selected,
 * `s` says whether it suspends or unsuspends that card.
 */
export function browserListParts(
  b: BrowserState,
  context: KeyContext,
  message: string | null,
  cols: number,
  color: boolean,
): ScreenParts {
  const c = palette(color);
  const { header, rows } = table(b.cards, cols - INDENT.length);
  const typing = context === 'browse-search';
  const count =
    b.listed === null ? 'reading…' : `${b.cards.length} ${b.cards.length === 1 ? 'card' : 'cards'}`;
  // A search longer than its room shows its end, where the typing is.
  const room = Math.max(1, cols - width('Search ') - width(count) - 3);
  const query = truncateStart(terminalSafe(b.query), room);
  const cursor = color ? c.inverse(' ') : '_';
  const field = typing
    ? `${query}${cursor}${query ? '' : c.dim(' type words to find cards')}`
    : query || c.dim('every card');
  const body =
    b.listed === null
      ? [c.dim('reading the cards…')]
      : b.cards.length === 0
        ? [c.dim(truncate(b.listed ? `no card matches ${terminalSafe(b.listed)}` : 'no cards yet', cols))]
        : rows.map((row, i) => (i === b.index ? c.cyan(MARK + row) : INDENT + row));
  return {
    context,
    header: [
      spread(`${c.bold('Search')} ${field}`, c.dim(count), cols),
      b.cards.length > 0 ? c.dim(INDENT + header) : '',
    ],
    body,
    focus: b.cards.length > 0 ? { start: b.index, end: b.index + 1 } : null,
    footer: (scrollable) => [
      ...messageLines(message, cols, color),
      ...browserKeys(b, context, scrollable, cols, color),
    ],
  };
}

/** A card opened from the list: all of it, then its memory state and its answers, scrolled as one. */
export function browserCardParts(
  b: BrowserState,
  d: CardDetail,
  message: string | null,
  now: number,
  cols: number,
  color: boolean,
): ScreenParts {
  const c = palette(color);
  const tags = d.tags.length > 0 ? ` · ${terminalSafe(d.tags.join(', '))}` : '';
  const state = detailFields(d, now).flatMap(([name, value]) =>
    hang(c.dim(name.padEnd(12)), terminalSafe(value), cols),
  );
  const history = historyLines(d).map((l) => truncate(l, cols));
  return {
    context: 'browse-card',
    header: [
      spread(`${c.magenta.bold(terminalSafe(d.key))}${c.dim(` · ${d.kind}${tags}`)}`, stateLabel(d), cols),
    ],
    body: [...cardReference(d.content, cols, color), '', ...state, '', ...history],
    focus: null,
    footer: (scrollable) => [
      ...messageLines(message, cols, color),
      ...browserKeys(b, 'browse-card', scrollable, cols, color),
    ],
  };
}

/** The footer's keys: those that do something now, to the card they act on. */
function browserKeys(
  b: BrowserState,
  context: KeyContext,
  scrollable: boolean,
  cols: number,
  color: boolean,
): string[] {
  const card = browsedCard(b);
  const enabled = (a: KeyAction) => {
    if (SCROLL_ACTIONS.includes(a)) return scrollable;
    if (a === 'drill-results') return drillable(b).length > 0;
    if (a === 'bury') return card !== null && !card.buried;
    if (a === 'open-card' || a === 'toggle-suspend' || a === 'edit') return card !== null;
    return true;
  };
  const labels = card?.suspended ? { 'toggle-suspend': 'unsuspend' } : {};
  return keysFooter(context, cols, color, enabled, {}, labels);
}
