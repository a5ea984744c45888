// A cloze card's text on screen. The markdown renderer knows nothing of cloze deletions, so the
// asked ones go to it between two invisible marks (zero columns wide, so wrapping is unchanged);
// its lines come back with the marks turned into a highlight: the blank, or the revealed answer.
import { type ClozeCard, clozeMarkdown } from '@grill/core';

// U+2063 INVISIBLE SEPARATOR and U+2064 INVISIBLE PLUS: no width, no meaning to markdown, and
// taken out of the card's own text by clozeMarkdown, so every one is ours.
const OPEN = '\u2063';
const CLOSE = '\u2064';

const BLANK = '\u001b[1m\u001b[36m'; // bold cyan
const ANSWER = '\u001b[1m\u001b[32m'; // bold green, like a typed card's accepted answer
const RESET = '\u001b[0m';
// biome-ignore lint/suspicious/noControlCharactersInRegex: reading the renderer's own SGR codes
const SGR = /\u001b\[([0-9;]*)m/y;

/**
 * The markdown to render for `card`: its asked deletions blanked or revealed, between the marks.
 * A blank's spaces are no-break spaces, so `[a property]` is never cut between two lines.
 */
export function clozeSource(card: ClozeCard, revealed: boolean): string {
  const source = clozeMarkdown(card.text, card.cloze, revealed, { open: OPEN, close: CLOSE });
  return revealed ? source : source.replace(BLANKED, (blank) => blank.replaceAll(' ', '\u00a0'));
}
const BLANKED = new RegExp(`${OPEN}[^${CLOSE}]*${CLOSE}`, 'g');

/**
 * The rendered lines of clozeSource with the marks turned into a highlight (none without colour).
 * Inside it the renderer's own styles give way (a blanked code span shows as the blank, not as
 * code); after it they are restored. Like the renderer's, every line closes what it opens.
 */
export function paintCloze(lines: readonly string[], revealed: boolean, color: boolean): string[] {
  if (!color) return lines.map((l) => l.replaceAll(OPEN, '').replaceAll(CLOSE, ''));
  const on = revealed ? ANSWER : BLANK;
  let inside = false;
  return lines.map((line) => {
    // The renderer's lines are balanced: no style of its own is open where a line starts.
    const outer = new Map<string, string>();
    let out = '';
    // A highlight carried over from the line before starts at its first character, not its indent.
    let pending = inside;
    let shown = false;
    for (let i = 0; i < line.length; ) {
      SGR.lastIndex = i;
      const sgr = SGR.exec(line);
      if (sgr) {
        track(outer, sgr[1] ?? '');
        if (!inside) out += sgr[0];
        i += sgr[0].length;
        continue;
      }
      const ch = line[i] as string;
      if (ch === OPEN || ch === CLOSE) {
        inside = ch === OPEN;
        if (inside) out += on;
        else out += (pending ? '' : RESET) + [...outer.values()].map((p) => `\u001b[${p}m`).join('');
        pending = false;
      } else {
        if (pending && ch !== ' ') {
          out += on;
          pending = false;
        }
        out += ch;
        shown = true;
      }
      i++;
    }
    if (!shown) return '';
    return inside && !pending ? out + RESET : out;
  });
}

/** The styles in effect after SGR `params`, keyed by the parameter that ends each. */
function track(open: Map<string, string>, params: string): void {
  for (const p of (params || '0').split(';')) {
    const n = Number(p);
    if (n === 0) open.clear();
    else if (n === 22) {
      open.delete('1');
      open.delete('2');
    } else if ((n >= 23 && n <= 29) || n === 39 || n === 49) open.delete(p);
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) open.set('39', p);
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) open.set('49', p);
    else open.set(n <= 2 ? p : String(n + 20), p);
  }
}
