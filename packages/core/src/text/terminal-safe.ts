/**
 * Deck text is untrusted (decks travel through git), so before any of it reaches a terminal its
 * control characters are made visible instead of being obeyed: an ESC would otherwise let a deck
 * clear the screen, recolour it or set the window title.
 */

// C0 controls except tab (U+0009) and line feed (U+000A), DEL, and the C1 controls U+0080–U+009F.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_ONE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** True when `text` holds a control character that terminalSafe would escape. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_ONE.test(text);
}

/**
 * `text` with every C0/C1 control character except tab and newline replaced by a visible
 * stand-in: C0 and DEL by their Unicode control pictures (ESC → `␛`, CR → `␍`, DEL → `␡`), C1 by
 * its code point in text (`<U+009B>`). A CRLF line ending becomes a plain newline first.
 * Widths stay predictable: each C0 stand-in is one column.
 */
export function terminalSafe(text: string): string {
  if (!CONTROL_ONE.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(CONTROL, controlPicture);
}

/** The visible stand-in for one control character (see terminalSafe). */
export function controlPicture(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** A control character's name for messages: `U+001B (ESC)`. */
export function describeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  const names: Record<number, string> = {
    27: 'ESC',
    13: 'CR',
    8: 'BS',
    7: 'BEL',
    127: 'DEL',
    155: 'CSI',
    12: 'FF',
  };
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return names[code] ? `U+${hex} (${names[code]})` : `U+${hex}`;
}

/**
 * Every control character in `text` that terminalSafe would escape, with its 1-based line and
 * column (CRLF line endings are line endings, not findings).
 */
export function findControlCharacters(text: string): { line: number; column: number; char: string }[] {
  const found: { line: number; column: number; char: string }[] = [];
  if (!CONTROL_ONE.test(text)) return found;
  let line = 1;
  let column = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      column = 1;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (CONTROL_ONE.test(ch)) found.push({ line, column, char: ch });
    column++;
  }
  return found;
}
