/**
 * Terminal input, decoded into keypresses. A terminal delivers whatever arrived since the last
 * read as one chunk: several keys typed fast, a paste, keys sent over SSH or mosh, `tmux
 * send-keys Space 3`. Each chunk is split here into the keys it holds, in order, so the drill
 * handles `" 3"` exactly as Space then 3.
 */

/** Named keys; printable characters are `char`, a bracketed paste is `paste`. */
export type KeyName =
  | 'char'
  | 'space'
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'escape'
  | 'tab'
  | 'backtab'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'ctrl'
  | 'paste';

export interface Keypress {
  readonly name: KeyName;
  /** `char`: the character; `ctrl`: the lower-case letter (Ctrl+C is `c`); `paste`: the text. */
  readonly text: string;
}

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

/** CSI/SS3 sequences (the part after ESC) and the key each one means. */
const SEQUENCES: Record<string, KeyName> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  '[H': 'home',
  '[F': 'end',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[5~': 'pageup',
  '[6~': 'pagedown',
  '[Z': 'backtab',
};

// A CSI sequence: ESC [ parameters intermediates final; SS3: ESC O final.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal input is made of control sequences
const CSI = /^\u001b\[[0-?]*[ -/]*[@-~]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal input is made of control sequences
const SS3 = /^\u001bO[@-~]/;
// The start of a CSI sequence whose final byte has not arrived yet.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal input is made of control sequences
const PARTIAL_CSI = /^\u001b\[[0-?]*$/;

/** The key a complete CSI/SS3 sequence stands for (modifiers such as `;5` for Ctrl are ignored). */
function sequenceKey(seq: string): KeyName | null {
  const body = seq.slice(1);
  const direct = SEQUENCES[body];
  if (direct) return direct;
  // `ESC [1;5A` (Ctrl+Up), `ESC [5;2~` (Shift+PgUp): drop the modifier parameter.
  const plain = body.replace(/^\[1;\d+([A-Z])$/, '[$1').replace(/^\[(\d+);\d+~$/, '[$1~');
  return SEQUENCES[plain] ?? null;
}

/**
 * Splits terminal input into keypresses, keeping the state a paste needs across chunks (a long
 * paste arrives in several reads). One decoder per input stream.
 */
export class KeyDecoder {
  private paste: string | null = null;
  private pending = '';

  /** The keypresses in `chunk`, in order. An incomplete escape sequence waits for the next chunk. */
  push(chunk: string): Keypress[] {
    const keys: Keypress[] = [];
    let input = this.pending + chunk;
    this.pending = '';
    while (input.length > 0) {
      if (this.paste !== null) {
        const end = input.indexOf(PASTE_END);
        if (end === -1) {
          // Keep a possible partial end marker for the next chunk.
          const keep = partialSuffix(input, PASTE_END);
          this.paste += input.slice(0, input.length - keep);
          this.pending = input.slice(input.length - keep);
          return keys;
        }
        keys.push({ name: 'paste', text: cleanPaste(this.paste + input.slice(0, end)) });
        this.paste = null;
        input = input.slice(end + PASTE_END.length);
        continue;
      }
      if (input.startsWith(PASTE_START)) {
        this.paste = '';
        input = input.slice(PASTE_START.length);
        continue;
      }
      const ch = input[0] as string;
      if (ch === ESC) {
        const seq = CSI.exec(input)?.[0] ?? SS3.exec(input)?.[0];
        if (seq) {
          const name = sequenceKey(seq);
          if (name) keys.push({ name, text: '' });
          input = input.slice(seq.length);
          continue;
        }
        if (input === ESC || input === `${ESC}O` || PARTIAL_CSI.test(input)) {
          // A lone ESC is the Escape key, unless more of a sequence is still on its way; the caller
          // flushes it (see flush) when nothing follows.
          this.pending = input;
          return keys;
        }
        // ESC followed by another key (Alt+key, or Escape then a key in one read): Escape, then the key.
        keys.push({ name: 'escape', text: '' });
        input = input.slice(1);
        continue;
      }
      const cp = input.codePointAt(0) as number;
      const char = String.fromCodePoint(cp);
      input = input.slice(char.length);
      if (char === '\r' || char === '\n') {
        keys.push({ name: 'enter', text: '' });
        if (char === '\r' && input[0] === '\n') input = input.slice(1);
      } else if (char === '\u007f' || char === '\b') keys.push({ name: 'backspace', text: '' });
      else if (char === '\t') keys.push({ name: 'tab', text: '' });
      else if (char === ' ') keys.push({ name: 'space', text: ' ' });
      else if (cp < 0x20) keys.push({ name: 'ctrl', text: String.fromCharCode(cp + 0x60) });
      else if (cp >= 0x80 && cp < 0xa0) {
        // C1 controls never come from a keyboard: dropped.
      } else keys.push({ name: 'char', text: char });
    }
    return keys;
  }

  /** Input held back as a possible escape sequence, released as keys (a lone ESC is Escape). */
  flush(): Keypress[] {
    if (this.paste !== null || !this.pending) return [];
    const held = this.pending;
    this.pending = '';
    return [{ name: 'escape', text: '' }, ...this.push(held.slice(1))];
  }

  /** True while input is held back waiting for the rest of an escape sequence. */
  hasPending(): boolean {
    return this.paste === null && this.pending !== '';
  }
}

/** How many trailing characters of `text` could be the start of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (marker.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

/** Pasted text: line breaks as `\n`, other control characters dropped. */
function cleanPaste(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters from a paste
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
