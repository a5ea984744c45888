/**
 * The one keymap: what a key does where the user is, and the footer and help overlay generated
 * from the same table (keymap-bindings.ts), so what they show is exactly what works in the
 * current state.
 */

import { BINDINGS } from './keymap-bindings.js';
import type { KeyAction, KeyContext } from './keymap-types.js';
import type { Keypress } from './keys.js';

export { BINDINGS } from './keymap-bindings.js';
export type { Binding, KeyAction, KeyContext } from './keymap-types.js';

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
 * state narrows them (`1-4` on a card with four options); `labels` says what an action does
 * where the state decides it (`s unsuspend` on a suspended card).
 */
export function footerItems(
  context: KeyContext,
  enabled: (action: KeyAction) => boolean = () => true,
  keys: Partial<Record<KeyAction, string>> = {},
  labels: Partial<Record<KeyAction, string>> = {},
): string[] {
  const items: string[] = [];
  const seen = new Set<KeyAction>();
  for (const b of BINDINGS) {
    if (!b.footer || !b.contexts.includes(context) || seen.has(b.action) || !enabled(b.action)) continue;
    seen.add(b.action);
    items.push(`${keys[b.action] ?? b.footerKeys ?? keysLabel(b.keys)} ${labels[b.action] ?? b.footer}`);
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
