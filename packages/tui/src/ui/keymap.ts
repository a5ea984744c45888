/**
 * Every key binding of the terminal UI, in one table. The footer of each screen and the help
 * overlay are generated from it, so what they show is exactly what works in the current state.
 */
import type { Keypress } from './keys.js';

/**
 * Where the user is. On a card: `question` (basic/open before the answer), `choice`, `typing`
 * (typed card, answer field focused: letters are text), `typed` (typed card, field left),
 * `revealed` (answer shown), `rubric` (open card's answer shown: arrows move through the rubric).
 * `leaving`: the summary shown after q, any key leaves.
 */
export type KeyContext =
  | 'home'
  | 'picker'
  | 'question'
  | 'choice'
  | 'typing'
  | 'typed'
  | 'revealed'
  | 'rubric'
  | 'summary'
  | 'leaving'
  | 'stats'
  | 'help';

export type KeyAction =
  | 'start-all'
  | 'pick-deck'
  | 'pick-tag'
  | 'open-stats'
  | 'quit'
  | 'interrupt'
  | 'end-session'
  | 'help'
  | 'move-up'
  | 'move-down'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'scroll-top'
  | 'scroll-bottom'
  | 'choose'
  | 'back'
  | 'reveal'
  | 'submit'
  | 'toggle-option'
  | 'backspace'
  | 'clear-field'
  | 'leave-field'
  | 'enter-field'
  | 'rate'
  | 'confirm-rating'
  | 'toggle-point'
  | 'undo'
  | 'edit'
  | 'bury'
  | 'suspend'
  | 'drill-weakest';

export interface Binding {
  readonly contexts: readonly KeyContext[];
  /** Key names: a character (`q`, `1`), or `enter`, `escape`, `space`, `tab`, `backspace`, `up`, `down`, `pageup`, `pagedown`, `home`, `end`, `ctrl+c`. */
  readonly keys: readonly string[];
  readonly action: KeyAction;
  /** The help overlay's line. */
  readonly help: string;
  /** The footer's short label; bindings without one are listed only in the help. */
  readonly footer?: string;
  /** How the footer writes the keys, where the plain list would be long (`1-4`, `↑↓`). */
  readonly footerKeys?: string;
}

const CARD: readonly KeyContext[] = ['question', 'choice', 'typed', 'revealed', 'rubric'];
const SCROLLING: readonly KeyContext[] = [
  'home',
  'question',
  'choice',
  'typed',
  'revealed',
  'summary',
  'stats',
  'help',
];
const PAGING: readonly KeyContext[] = [...CARD, 'typing', 'home', 'summary', 'stats', 'help'];

export const BINDINGS: readonly Binding[] = [
  // home
  {
    contexts: ['home'],
    keys: ['enter', 'space'],
    action: 'start-all',
    help: 'start a session on all decks',
    footer: 'start',
    footerKeys: 'Enter',
  },
  {
    contexts: ['home'],
    keys: ['d'],
    action: 'pick-deck',
    help: 'start a session on one deck',
    footer: 'deck',
  },
  { contexts: ['home'], keys: ['t'], action: 'pick-tag', help: 'start a session on one tag', footer: 'tag' },
  { contexts: ['home'], keys: ['s'], action: 'open-stats', help: 'statistics', footer: 'stats' },
  // picker: letters filter the list
  {
    contexts: ['picker'],
    keys: ['up'],
    action: 'move-up',
    help: 'move up',
    footer: 'move',
    footerKeys: '↑↓',
  },
  { contexts: ['picker'], keys: ['down'], action: 'move-down', help: 'move down' },
  {
    contexts: ['picker'],
    keys: ['enter'],
    action: 'choose',
    help: 'start with the selection',
    footer: 'start',
  },
  {
    contexts: ['picker'],
    keys: ['backspace'],
    action: 'backspace',
    help: 'delete a character of the filter',
  },
  {
    contexts: ['picker'],
    keys: ['escape'],
    action: 'back',
    help: 'clear the filter, or go back',
    footer: 'back',
  },
  // a card before the answer
  {
    contexts: ['question'],
    keys: ['space', 'enter'],
    action: 'reveal',
    help: 'show the answer',
    footer: 'reveal',
    footerKeys: 'Space',
  },
  {
    contexts: ['choice'],
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    action: 'toggle-option',
    help: 'choose option N (again to unchoose)',
    footer: 'choose',
  },
  {
    contexts: ['choice', 'typed'],
    keys: ['enter'],
    action: 'submit',
    help: 'submit the answer',
    footer: 'submit',
  },
  {
    contexts: ['choice', 'typed'],
    keys: ['space'],
    action: 'reveal',
    help: 'give up and show the answer',
    footer: 'give up',
  },
  { contexts: ['typing'], keys: ['enter'], action: 'submit', help: 'submit the answer', footer: 'submit' },
  {
    contexts: ['typing'],
    keys: ['backspace'],
    action: 'backspace',
    help: 'delete a character',
    footer: 'delete',
    footerKeys: '⌫',
  },
  { contexts: ['typing'], keys: ['ctrl+u'], action: 'clear-field', help: 'clear the answer' },
  {
    contexts: ['typing'],
    keys: ['escape', 'tab'],
    action: 'leave-field',
    help: 'leave the answer field (for undo, bury, help, quit …)',
    footer: 'leave field',
    footerKeys: 'Esc',
  },
  {
    contexts: ['typed'],
    keys: ['tab', 'i'],
    action: 'enter-field',
    help: 'back to the answer field',
    footer: 'type',
    footerKeys: 'Tab',
  },
  // after the answer
  {
    contexts: ['revealed', 'rubric'],
    keys: ['1', '2', '3', '4'],
    action: 'rate',
    help: 'rate: 1 again, 2 hard, 3 good, 4 easy',
    footer: 'rate',
  },
  {
    contexts: ['revealed', 'rubric'],
    keys: ['enter'],
    action: 'confirm-rating',
    help: 'confirm the suggested rating',
  },
  {
    contexts: ['rubric'],
    keys: ['up', 'k'],
    action: 'move-up',
    help: 'previous rubric point',
    footer: 'move',
    footerKeys: '↑↓',
  },
  { contexts: ['rubric'], keys: ['down', 'j'], action: 'move-down', help: 'next rubric point' },
  {
    contexts: ['rubric'],
    keys: ['space'],
    action: 'toggle-point',
    help: 'tick the rubric point you covered',
    footer: 'tick',
  },
  // scrolling
  {
    contexts: SCROLLING,
    keys: ['up', 'k'],
    action: 'scroll-up',
    help: 'scroll up a line',
    footer: 'scroll',
    footerKeys: '↑↓',
  },
  { contexts: SCROLLING, keys: ['down', 'j'], action: 'scroll-down', help: 'scroll down a line' },
  { contexts: ['typing'], keys: ['up'], action: 'scroll-up', help: 'scroll up a line' },
  { contexts: ['typing'], keys: ['down'], action: 'scroll-down', help: 'scroll down a line' },
  {
    contexts: PAGING,
    keys: ['pageup'],
    action: 'page-up',
    help: 'scroll up a page',
    footer: 'page',
    footerKeys: 'PgUp/PgDn',
  },
  { contexts: PAGING, keys: ['pagedown'], action: 'page-down', help: 'scroll down a page' },
  { contexts: PAGING, keys: ['home'], action: 'scroll-top', help: 'scroll to the top' },
  { contexts: PAGING, keys: ['end'], action: 'scroll-bottom', help: 'scroll to the end' },
  // session
  {
    contexts: CARD,
    keys: ['u'],
    action: 'undo',
    help: 'undo the last answer of this session',
    footer: 'undo',
  },
  {
    contexts: CARD,
    keys: ['e'],
    action: 'edit',
    help: "edit the card's file in $VISUAL/$EDITOR",
    footer: 'edit',
  },
  { contexts: CARD, keys: ['b'], action: 'bury', help: 'bury the card until tomorrow', footer: 'bury' },
  { contexts: CARD, keys: ['!'], action: 'suspend', help: 'suspend the card', footer: 'suspend' },
  // the other screens
  {
    contexts: ['stats'],
    keys: ['w'],
    action: 'drill-weakest',
    help: 'drill the weakest cards (due or not)',
    footer: 'drill weakest',
  },
  { contexts: ['stats', 'summary'], keys: ['escape'], action: 'back', help: 'back to home', footer: 'back' },
  { contexts: ['summary'], keys: ['enter'], action: 'back', help: 'back to home', footer: 'home' },
  {
    contexts: ['home', ...CARD, 'summary', 'stats'],
    keys: ['?'],
    action: 'help',
    help: 'the keys that work here',
    footer: 'help',
  },
  {
    contexts: CARD,
    keys: ['q'],
    action: 'end-session',
    help: 'end the session: summary, then any key leaves (answers are saved as you go)',
    footer: 'quit',
  },
  {
    contexts: ['home', 'summary', 'stats'],
    keys: ['q'],
    action: 'quit',
    help: 'quit (every answer is already saved)',
    footer: 'quit',
  },
  {
    contexts: ['typing', 'picker', 'help'],
    keys: ['ctrl+c'],
    action: 'interrupt',
    help: 'quit at once (every answer is already saved)',
    footer: 'quit',
    footerKeys: 'Ctrl+C',
  },
  {
    contexts: ['home', ...CARD, 'summary', 'leaving', 'stats'],
    keys: ['ctrl+c'],
    action: 'interrupt',
    help: 'quit at once (every answer is already saved)',
  },
];

/** The name a keypress has in the table (`q`, `enter`, `ctrl+c`), or null for a paste. */
export function keyName(key: Keypress): string | null {
  if (key.name === 'char') return key.text;
  if (key.name === 'ctrl') return `ctrl+${key.text}`;
  if (key.name === 'paste') return null;
  return key.name;
}

export function resolveKey(context: KeyContext, key: Keypress): KeyAction | null {
  const name = keyName(key);
  if (name === null) return null;
  return BINDINGS.find((b) => b.contexts.includes(context) && b.keys.includes(name))?.action ?? null;
}

const KEY_LABELS: Record<string, string> = {
  enter: 'Enter',
  escape: 'Esc',
  up: '↑',
  down: '↓',
  space: 'Space',
  backspace: '⌫',
  tab: 'Tab',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  'ctrl+c': 'Ctrl+C',
  'ctrl+u': 'Ctrl+U',
};

function keysLabel(keys: readonly string[]): string {
  if (keys.length > 2 && keys.every((k) => /^\d$/.test(k))) return `${keys[0]}-${keys[keys.length - 1]}`;
  return keys.map((k) => KEY_LABELS[k] ?? k).join('/');
}

/**
 * The footer of a context: `Space reveal · u undo · …`. `enabled` leaves out actions that do
 * nothing right now (scrolling when everything fits, say); `keys` names the keys where the
 * state narrows them (`1-4` on a card with four options).
 */
export function footerItems(
  context: KeyContext,
  enabled: (action: KeyAction) => boolean = () => true,
  keys: Partial<Record<KeyAction, string>> = {},
): string[] {
  const items: string[] = [];
  const seen = new Set<KeyAction>();
  for (const b of BINDINGS) {
    if (!b.footer || !b.contexts.includes(context) || seen.has(b.action) || !enabled(b.action)) continue;
    seen.add(b.action);
    items.push(`${keys[b.action] ?? b.footerKeys ?? keysLabel(b.keys)} ${b.footer}`);
  }
  return items;
}

/** How a context's keys for `action` are written (`PgUp`, `Enter`), or null where no key does it. */
export function keyLabel(context: KeyContext, action: KeyAction): string | null {
  const binding = BINDINGS.find((b) => b.action === action && b.contexts.includes(context));
  return binding ? keysLabel(binding.keys) : null;
}

/** The help overlay's lines for a context: every binding that works there. */
export function helpLines(context: KeyContext): { keys: string; help: string }[] {
  const seen = new Set<string>();
  return BINDINGS.flatMap((b) => {
    if (!b.contexts.includes(context)) return [];
    const line = { keys: keysLabel(b.keys), help: b.help };
    const id = `${line.keys} ${line.help}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [line];
  });
}
