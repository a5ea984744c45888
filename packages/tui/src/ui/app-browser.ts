/**
 * The card browser's transitions in the app: its keys (the keymap's actions, read in the
 * browser's contexts), the text typed into its search field, and the engine's answers to what it
 * asked. Pure, like the rest of the reducer (app-reducer.ts); the browser's own state moves in
 * browser-reducer.ts.
 */
import { home, to, top } from './app-commands.js';
import { type AppAction, type AppState, type CardMark, keyContext, type Step } from './app-state.js';
import {
  type BrowserAction,
  type BrowserState,
  browsedCard,
  browserReducer,
  drillable,
  initialBrowser,
} from './browser-reducer.js';
import type { KeyAction } from './keymap.js';

/** What a key's action does in the browser (or opens it, from home); null: not the browser's. */
export function browserCommand(state: AppState, action: KeyAction): Step | null {
  if (action === 'open-browser')
    return to(
      {
        ...state,
        screen: { name: 'browser' },
        browser: initialBrowser,
        message: null,
        scroll: following(top(state.scroll)),
      },
      { type: 'list-cards', query: '', debounce: false },
    );
  const b = state.browser;
  if (state.screen.name !== 'browser' || !b) return null;
  // A move clears the last note; actions that leave one set it after.
  const next: AppState = { ...state, message: null };
  const list = !b.open;
  switch (action) {
    case 'leave-browser':
      return home({ ...next, browser: null });
    case 'back':
      if (list) return home({ ...next, browser: null });
      return to({
        ...inBrowser(next, { type: 'close' }),
        scroll: following({ ...state.scroll, offset: b.listOffset }),
      });
    case 'enter-field':
    case 'leave-field':
      return to(inBrowser(next, { type: 'focus', focus: action === 'enter-field' ? 'search' : 'list' }));
    case 'backspace':
      return search(next, { type: 'backspace' });
    case 'clear-field':
      return search(next, { type: 'clear' });
    // In the list the arrows and paging keys move the selection; on a card they scroll it.
    case 'move-up':
    case 'move-down':
      return list ? select(next, { type: 'move', delta: action === 'move-up' ? -1 : 1 }) : null;
    case 'page-up':
    case 'page-down': {
      const delta = action === 'page-up' ? -state.scroll.page : state.scroll.page;
      return list ? select(next, { type: 'move', delta }) : null;
    }
    case 'scroll-top':
    case 'scroll-bottom':
      return list ? select(next, { type: 'move-to', row: action === 'scroll-top' ? 'first' : 'last' }) : null;
    case 'open-card': {
      const card = b.cards[b.index];
      return card ? to(next, { type: 'load-card', key: card.key }) : noCard(next);
    }
    case 'toggle-suspend':
    case 'bury':
    case 'edit': {
      const card = browsedCard(b);
      if (!card) return noCard(next);
      if (action === 'edit') return to(next, { type: 'edit-card', key: card.key });
      if (action === 'bury' && card.buried)
        return to({ ...next, message: `${card.key} is already buried until tomorrow` });
      const how: CardMark = action === 'bury' ? 'bury' : card.suspended ? 'unsuspend' : 'suspend';
      return to(next, { type: 'mark-card', key: card.key, how });
    }
    case 'drill-results': {
      const keys = drillable(b);
      if (keys.length === 0)
        return to({
          ...next,
          message:
            b.cards.length === 0
              ? 'no cards found to drill'
              : 'nothing to drill: every card found is suspended or buried',
        });
      return to(next, { type: 'start-session', filter: { keys: new Set(keys) }, cram: keys });
    }
    default:
      return null;
  }
}

/** Letters and pastes in the search field; null outside the browser's list. */
export function browserText(state: AppState, text: string, paste: boolean): Step | null {
  const context = keyContext(state);
  if (context === 'browse-search') return search({ ...state, message: null }, { type: 'type', text });
  // Letters no binding takes do nothing in the list; a paste is never taken for keys.
  if (context === 'browse-list')
    return to(paste ? { ...state, message: 'paste ignored: Tab to the search field first' } : state);
  return null;
}

/** The engine's answers to what the browser asked. */
export function browserResult(
  state: AppState,
  action: Extract<AppAction, { type: 'cards-listed' | 'card-loaded' | 'card-marked' | 'card-reimported' }>,
): Step {
  const b = state.browser;
  // The browser was left meanwhile (a search answered after Esc): nothing to show it in.
  if (!b || state.screen.name !== 'browser') return to(state);
  switch (action.type) {
    case 'cards-listed':
      return to(inBrowser(state, { type: 'listed', query: action.query, cards: action.cards }));
    case 'card-loaded': {
      const { key, detail } = action;
      if (!detail)
        return to(
          {
            ...inBrowser(state, { type: 'close' }),
            message: `${key} is no longer in your decks`,
            scroll: following({ ...state.scroll, offset: b.listOffset }),
          },
          relist(b),
        );
      // Read again after a change: the same card, scrolled where it was.
      if (b.open?.key === key)
        return to(inBrowser(state, { type: 'open', detail, listOffset: b.listOffset }));
      if (b.open) return to(state);
      return to({
        ...inBrowser(state, { type: 'open', detail, listOffset: state.scroll.offset }),
        scroll: top(state.scroll),
      });
    }
    case 'card-marked':
    case 'card-reimported': {
      const message =
        action.type === 'card-reimported'
          ? action.problem
            ? `saved, but not re-imported: ${action.problem}`
            : 'saved and re-imported'
          : MARKED[action.how](action.key);
      const again = b.open ? [{ type: 'load-card' as const, key: b.open.key }] : [];
      return to({ ...state, message }, relist(b), ...again);
    }
  }
}

const MARKED: Record<CardMark, (key: string) => string> = {
  suspend: (key) => `suspended ${key}: the drill leaves it out (s unsuspends)`,
  unsuspend: (key) => `unsuspended ${key}: back in the drill`,
  bury: (key) => `buried ${key} until tomorrow`,
};

/** The same search read again at once (after a change to a card): the selection stays on its card. */
const relist = (b: BrowserState) => ({ type: 'list-cards' as const, query: b.query, debounce: false });

function inBrowser(state: AppState, action: BrowserAction): AppState {
  return state.browser ? { ...state, browser: browserReducer(state.browser, action) } : state;
}

/** The search field changed: search for its text once the typing pauses. */
function search(state: AppState, action: BrowserAction): Step {
  const next = inBrowser(state, action);
  const query = next.browser?.query ?? '';
  if (query === state.browser?.query) return to(next);
  return to(next, { type: 'list-cards', query, debounce: true });
}

/** The selection moved: the list scrolls to keep it in view. */
function select(state: AppState, action: BrowserAction): Step {
  return to({ ...inBrowser(state, action), scroll: following(state.scroll) });
}

function noCard(state: AppState): Step {
  return to({ ...state, message: 'no card selected: search for some first' });
}

const following = (scroll: AppState['scroll']) => ({ ...scroll, follow: true });
