// Anki's cloze deletions in a field's HTML, as Anki reads them (rslib/src/cloze.rs): `{{cN::` opens,
// the first `::` of a deletion starts its hint, `}}` closes; deletions may nest; an opener never
// closed is text. They are found in the HTML as written (a `&#58;&#58;` is no separator), marked
// with private-use characters that the HTML-to-markdown conversion keeps as text, and the marks
// are then written in grill's syntax, which is Anki's: `{{c1::answer::hint}}`.

const OPEN = '\ue001';
const NUMBER_END = '\ue002';
const HINT = '\ue003';
const CLOSE = '\ue004';

export interface MarkedCloze {
  /** The HTML with each outermost deletion marked; a nested one is kept as its answer alone. */
  html: string;
  /** The numbers of the deletions marked, ascending. */
  numbers: number[];
  /** How many nested deletions were flattened into the one around them. */
  flattened: number;
}

interface Deletion {
  from: number;
  /** Just after `{{cN::`. */
  textFrom: number;
  number: number;
  separator: number | null;
  /** At the closing `}}`. */
  close: number;
}

const OPENER = /\{\{c(\d+)::/y;

/** Every closed deletion of `html`, in the order they close. */
function findDeletions(html: string): Deletion[] {
  const open: Omit<Deletion, 'close'>[] = [];
  const closed: Deletion[] = [];
  let i = 0;
  while (i < html.length) {
    OPENER.lastIndex = i;
    const opener = html[i] === '{' ? OPENER.exec(html) : null;
    if (opener) {
      open.push({ from: i, textFrom: i + opener[0].length, number: Number(opener[1]), separator: null });
      i += opener[0].length;
    } else if (open.length > 0 && html.startsWith('::', i)) {
      const top = open[open.length - 1] as Omit<Deletion, 'close'>;
      if (top.separator === null) top.separator = i;
      i += 2;
    } else if (open.length > 0 && html.startsWith('}}', i)) {
      closed.push({ ...(open.pop() as Omit<Deletion, 'close'>), close: i });
      i += 2;
    } else {
      i++;
    }
  }
  return closed;
}

/** Marks the deletions of a cloze field's HTML (see MarkedCloze). */
export function markClozes(html: string): MarkedCloze {
  const found = findDeletions(html);
  const inside = (d: Deletion) => found.some((o) => o !== d && o.from < d.from && o.close > d.close);
  const edits: { at: number; length: number; text: string }[] = [];
  const numbers = new Set<number>();
  let flattened = 0;
  for (const d of found) {
    const hintEnd = d.close;
    if (inside(d)) {
      flattened++;
      edits.push({ at: d.from, length: d.textFrom - d.from, text: '' });
      edits.push({
        at: d.separator ?? d.close,
        length: hintEnd + 2 - (d.separator ?? d.close),
        text: '',
      });
      continue;
    }
    numbers.add(d.number);
    edits.push({ at: d.from, length: d.textFrom - d.from, text: `${OPEN}${d.number}${NUMBER_END}` });
    if (d.separator !== null) edits.push({ at: d.separator, length: 2, text: HINT });
    edits.push({ at: d.close, length: 2, text: CLOSE });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = html;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.length);
  return { html: out, numbers: [...numbers].sort((a, b) => a - b), flattened };
}

const MARKED = new RegExp(`${OPEN}(\\d+)${NUMBER_END}([^${CLOSE}]*?)(?:${HINT}([^${CLOSE}]*))?${CLOSE}`, 'g');

/** Markdown with the marks of markClozes written as grill deletions. */
export function unmarkClozes(markdown: string): string {
  return markdown
    .replace(MARKED, (_, n: string, answer: string, hint: string | undefined) =>
      hint === undefined ? `{{c${n}::${answer}}}` : `{{c${n}::${answer}::${hint}}}`,
    )
    .replace(/[\ue001-\ue004]/g, '');
}

/** Whether `markdown` (marked) holds a deletion. */
export function hasMarks(markdown: string): boolean {
  return markdown.includes(OPEN);
}

/**
 * A cloze field as plain text with its deletions shown one way: `asked` blanks them (`[...]`, or
 * `[hint]`), else their answers are written out. Nested deletions show their answers.
 */
export function clozePlainHtml(html: string, asked: boolean): string {
  const marked = markClozes(html).html;
  return marked.replace(MARKED, (_, _n: string, answer: string, hint: string | undefined) =>
    asked ? `[${hint?.trim() || '...'}]` : answer,
  );
}
