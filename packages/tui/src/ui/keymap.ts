/** Every key binding of the terminal UI, in one table. The help overlay is generated from it. */

export type KeyContext = 'home' | 'picker' | 'question' | 'typing' | 'revealed' | 'summary' | 'stats';

export type KeyAction =
  | 'start-all'
  | 'pick-deck'
  | 'pick-tag'
  | 'open-stats'
  | 'quit'
  | 'help'
  | 'up'
  | 'down'
  | 'choose'
  | 'back'
  | 'reveal'
  | 'submit'
  | 'toggle-option'
  | 'backspace'
  | 'rate'
  | 'confirm-rating'
  | 'toggle-point'
  | 'undo'
  | 'edit'
  | 'bury'
  | 'suspend'
  | 'drill-weakest';

export interface Binding {
  contexts: readonly KeyContext[];
  keys: readonly string[];
  action: KeyAction;
  help: string;
}

const SESSION: readonly KeyContext[] = ['question', 'revealed'];

export const BINDINGS: readonly Binding[] = [
  { contexts: ['home'], keys: ['enter', 'space'], action: 'start-all', help: 'start a session on all decks' },
  { contexts: ['home'], keys: ['d'], action: 'pick-deck', help: 'start a session on one deck' },
  { contexts: ['home'], keys: ['t'], action: 'pick-tag', help: 'start a session on one tag' },
  { contexts: ['home'], keys: ['s'], action: 'open-stats', help: 'statistics' },
  { contexts: ['picker'], keys: ['up', 'k'], action: 'up', help: 'move up' },
  { contexts: ['picker'], keys: ['down', 'j'], action: 'down', help: 'move down' },
  { contexts: ['picker'], keys: ['enter'], action: 'choose', help: 'start with the selection' },
  { contexts: ['picker', 'stats', 'summary'], keys: ['escape'], action: 'back', help: 'back' },
  { contexts: ['summary'], keys: ['enter'], action: 'back', help: 'back to home' },
  { contexts: ['stats'], keys: ['w'], action: 'drill-weakest', help: 'drill the weakest cards' },
  { contexts: ['question'], keys: ['space'], action: 'reveal', help: 'show the answer' },
  { contexts: ['question'], keys: ['enter'], action: 'submit', help: 'submit the answer (choice)' },
  {
    contexts: ['question'],
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    action: 'toggle-option',
    help: 'choice: toggle option N',
  },
  { contexts: ['typing'], keys: ['enter'], action: 'submit', help: 'typed: submit the answer' },
  { contexts: ['typing'], keys: ['backspace'], action: 'backspace', help: 'typed: delete a character' },
  { contexts: ['typing'], keys: ['escape'], action: 'reveal', help: 'typed: give up and show the answer' },
  {
    contexts: ['revealed'],
    keys: ['1', '2', '3', '4'],
    action: 'rate',
    help: 'rate: 1 again, 2 hard, 3 good, 4 easy',
  },
  { contexts: ['revealed'], keys: ['enter'], action: 'confirm-rating', help: 'confirm the suggested rating' },
  { contexts: ['revealed'], keys: ['up', 'k'], action: 'up', help: 'open: move through the rubric' },
  { contexts: ['revealed'], keys: ['down', 'j'], action: 'down', help: 'open: move through the rubric' },
  { contexts: ['revealed'], keys: ['space'], action: 'toggle-point', help: 'open: tick the rubric point' },
  { contexts: SESSION, keys: ['u'], action: 'undo', help: 'undo the last answer' },
  { contexts: SESSION, keys: ['e'], action: 'edit', help: "edit the card's file in $EDITOR" },
  { contexts: SESSION, keys: ['b'], action: 'bury', help: 'bury until tomorrow' },
  { contexts: SESSION, keys: ['!'], action: 'suspend', help: 'suspend the card' },
  {
    contexts: ['home', 'question', 'revealed', 'summary', 'stats'],
    keys: ['?'],
    action: 'help',
    help: 'this help',
  },
  {
    contexts: ['home', 'question', 'revealed', 'summary', 'stats', 'picker'],
    keys: ['q'],
    action: 'quit',
    help: 'quit (every answer is already saved)',
  },
];

/** Ink's key flags, as far as the keymap needs them. */
export interface KeyFlags {
  return?: boolean;
  escape?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export function keyName(input: string, key: KeyFlags): string {
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.backspace || key.delete) return 'backspace';
  if (input === ' ') return 'space';
  return input;
}

export function resolveKey(context: KeyContext, input: string, key: KeyFlags): KeyAction | null {
  // Ink marks Esc itself as meta (the byte starts every escape sequence).
  if (key.ctrl || (key.meta && !key.escape)) return null;
  const name = keyName(input, key);
  return BINDINGS.find((b) => b.contexts.includes(context) && b.keys.includes(name))?.action ?? null;
}

const KEY_LABELS: Record<string, string> = {
  enter: 'Enter',
  escape: 'Esc',
  up: '↑',
  down: '↓',
  space: 'Space',
  backspace: '⌫',
};

export function helpLines(): { keys: string; help: string }[] {
  const seen = new Set<string>();
  return BINDINGS.flatMap((b) => {
    const keys =
      b.keys.length === 9
        ? '1-9'
        : b.keys.length === 4 && b.keys[0] === '1'
          ? '1-4'
          : b.keys.map((k) => KEY_LABELS[k] ?? k).join('/');
    const line = `${keys}  ${b.help}`;
    if (seen.has(line)) return [];
    seen.add(line);
    return [{ keys, help: b.help }];
  });
}
