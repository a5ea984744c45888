// A cloze card's text as markdown to show: the asked number's deletions blanked (`[...]`, or
// `[hint]`) or, once revealed, filled in; every other number's always filled in.
import type { ClozeDeletion, ClozeText } from './model.js';

/** Strings put around the asked deletions, so that a renderer can find and highlight them. */
export interface ClozeMarks {
  open: string;
  close: string;
}

/**
 * The markdown of `text` asking number `cloze`: blanked, or filled in when `revealed`. With
 * `marks`, each asked deletion is put between them, and the text holds them nowhere else.
 */
export function clozeMarkdown(text: ClozeText, cloze: number, revealed: boolean, marks?: ClozeMarks): string {
  const clean = marks
    ? (s: string) => s.split(marks.open).join('').split(marks.close).join('')
    : (s: string) => s;
  const shown = text.map((part) =>
    typeof part === 'string' ? clean(part) : part.cloze !== cloze || revealed ? clean(part.answer) : null,
  );
  let out = '';
  text.forEach((part, i) => {
    const s = shown[i];
    if (typeof part === 'string' || part.cloze !== cloze) out += s;
    else {
      const inner = s ?? clean(blank(part, out, shown[i + 1]));
      out += marks ? marks.open + inner + marks.close : inner;
    }
  });
  return out;
}

/**
 * `[...]` or `[hint]`. In prose its `]` is escaped where the text around it would make it a link
 * (`(` or `[` after it) or, at the start of a line, a link definition (`:` after it); in code it
 * stays as written.
 */
function blank(d: ClozeDeletion, before: string, after: string | null | undefined): string {
  const inside = d.hint || '...';
  const next = after === null ? '[' : (after ?? '')[0];
  const startsLine = /(?:^|\n)[ \t>]*$/.test(before);
  const escaped = !d.code && (next === '(' || next === '[' || (next === ':' && startsLine));
  return escaped ? `[${inside}\\]` : `[${inside}]`;
}
