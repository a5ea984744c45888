// Cloze deletions (`{{c1::answer}}`, `{{c1::answer::hint}}`) found in a card's blocks, with where
// each starts, and what is wrong with the ones that cannot be read. Pure: source text and the
// blocks to search (as offsets) in, deletions and problems out. A deletion lives in one block;
// in prose a code span is atomic (a deletion is wholly inside one or wholly around it), and a
// backslash-escaped `\{` opens nothing, so `\{{c1::x}}` shows the braces. In code (spans and
// blocks, where markdown has no escapes) `\{{c1::` opens nothing either, and the backslash is
// dropped from what is shown (`escapes`). A deletion inside an HTML comment would never be seen,
// and an opener written almost right (`{{C1::`, `{{ c1::`, `{{c1:`) would be plain text: both
// are problems.

/** A leaf block to search: prose (inline markdown with code spans) or code (a code block, raw HTML). */
export interface ScanBlock {
  from: number;
  to: number;
  code: boolean;
  /** An HTML block: code, whose comments hide what they hold. */
  html?: boolean;
}

/** A span of the source, as offsets. */
export interface Range {
  from: number;
  to: number;
}

export interface FoundDeletion {
  /** From `{{` to just after `}}`. */
  from: number;
  to: number;
  cloze: number;
  answer: Range;
  hint: Range | null;
  code: boolean;
}

export type ClozeProblem =
  | { at: number; code: 'unclosed-cloze' | 'empty-cloze' | 'nested-cloze' | 'cloze-in-comment' }
  | { at: number; code: 'bad-cloze-number'; written: string }
  | { at: number; code: 'cloze-typo'; written: string; meant: string };

/** The highest cloze number: a card key `deck/card/c99` stays within the sync protocol's limit. */
export const MAX_CLOZE = 99;

// `{{c` and anything but spaces, colons and braces up to `::`: what an author means as an opener.
const OPENER = /\{\{c([^\s:{}]*)::/y;
const OPENER_ANYWHERE = /\{\{c[^\s:{}]*::/;
const NUMBER = /^[1-9]\d*$/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
// An opener written almost right: a capital C, spaces inside, or one colon.
const NEAR_OPENER = /\{\{\s*[cC]\s*(\d+)\s*::?/g;

/**
 * Every well-formed deletion in `blocks`, in order, a problem for each one that is not, and the
 * offsets of the backslashes that escape an opener in code (to leave out of what is shown).
 */
export function scanCloze(
  text: string,
  blocks: readonly ScanBlock[],
): { deletions: FoundDeletion[]; problems: ClozeProblem[]; escapes: number[] } {
  const deletions: FoundDeletion[] = [];
  const problems: ClozeProblem[] = [];
  const escapes: number[] = [];
  for (const block of blocks) {
    const source = text.slice(block.from, block.to);
    // Most blocks hold no opener at all: those cost one search.
    if (!source.includes('{{')) continue;
    const spans = block.code ? NO_SPANS : codeSpans(text, block);
    const found: FoundDeletion[] = [];
    scanRun(text, block, spans, found, problems, escapes);
    const comments = block.code && !block.html ? [] : htmlComments(text, block, spans);
    for (const d of found) {
      if (comments.some((c) => d.from >= c.from && d.from < c.to))
        problems.push({ at: d.from, code: 'cloze-in-comment' });
      else deletions.push(d);
    }
    for (const m of source.matchAll(NEAR_OPENER)) {
      const meant = `{{c${m[1]}::`;
      const at = block.from + m.index;
      if (m[0] !== meant && text[at - 1] !== '\\')
        problems.push({ at, code: 'cloze-typo', written: m[0], meant });
    }
  }
  problems.sort((a, b) => a.at - b.at);
  return { deletions, problems, escapes };
}

/** The HTML comments (`<!-- … -->`, or to the block's end when unclosed) of a block, outside code spans. */
function htmlComments(text: string, block: ScanBlock, spans: CodeSpans): Range[] {
  const comments: Range[] = [];
  const inSpan = (i: number) => [...spans.values()].some((s) => i >= s.from && i < s.to);
  let i = text.indexOf('<!--', block.from);
  while (i >= 0 && i < block.to) {
    const end = text.indexOf('-->', i + 4);
    const to = end < 0 || end >= block.to ? block.to : end + 3;
    if (!inSpan(i)) comments.push({ from: i, to });
    i = text.indexOf('<!--', inSpan(i) ? i + 4 : to);
  }
  return comments;
}

interface CodeSpan extends Range {
  ticks: number;
}

/** A prose block's code spans, by the offset each starts at. */
type CodeSpans = ReadonlyMap<number, CodeSpan>;
const NO_SPANS: CodeSpans = new Map();

/**
 * Reads the deletions of `run`: a code run (no code spans, no escapes) or prose, whose code spans
 * `spans` are searched as code runs of their own.
 */
function scanRun(
  text: string,
  run: ScanBlock,
  spans: CodeSpans,
  deletions: FoundDeletion[],
  problems: ClozeProblem[],
  escapes: number[],
): void {
  let i = run.from;
  while (i < run.to) {
    const span = run.code ? undefined : spans.get(i);
    if (span) {
      const inside = { from: span.from + span.ticks, to: span.to - span.ticks, code: true };
      scanRun(text, inside, NO_SPANS, deletions, problems, escapes);
      i = span.to;
      continue;
    }
    if (!run.code && text[i] === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    if (run.code && text[i] === '\\' && text[i + 1] === '{') {
      OPENER.lastIndex = i + 1;
      if (OPENER.test(text)) {
        escapes.push(i);
        i += 3;
        continue;
      }
    }
    OPENER.lastIndex = i;
    const opener = text[i] === '{' ? OPENER.exec(text) : null;
    if (!opener) {
      i++;
      continue;
    }
    const written = opener[1] ?? '';
    const start = i + opener[0].length;
    const close = findClose(text, { from: start, to: run.to, code: run.code }, spans);
    if (close === null) {
      problems.push({ at: i, code: 'unclosed-cloze' });
      i = start; // read on: later deletions are still checked
      continue;
    }
    const answer = { from: start, to: close.separator ?? close.at };
    const hint = close.separator === null ? null : { from: close.separator + 2, to: close.at };
    problems.push(...close.nested.map((at) => ({ at, code: 'nested-cloze' as const })));
    const number = NUMBER.test(written) ? Number(written) : 0;
    if (number < 1 || number > MAX_CLOZE) problems.push({ at: i, code: 'bad-cloze-number', written });
    else if (text.slice(answer.from, answer.to).trim() === '') problems.push({ at: i, code: 'empty-cloze' });
    else deletions.push({ from: i, to: close.at + 2, cloze: number, answer, hint, code: run.code });
    i = close.at + 2;
  }
}

/**
 * Where the deletion whose text starts at `within.from` closes: the first `}}` with the braces
 * inside it paired (so code like `struct{}` can be blanked), code spans in prose skipped whole; and
 * its first `::` outside braces and code spans, which starts the hint; and the openers inside it.
 * Null when it never closes (its openers are then read as deletions of their own).
 */
function findClose(
  text: string,
  within: ScanBlock,
  spans: CodeSpans,
): { at: number; separator: number | null; nested: number[] } | null {
  let depth = 0;
  let separator: number | null = null;
  const nested: number[] = [];
  let i = within.from;
  while (i < within.to) {
    const span = within.code ? undefined : spans.get(i);
    if (span) {
      const opener = OPENER_ANYWHERE.exec(text.slice(span.from, span.to));
      if (opener) nested.push(span.from + opener.index);
      i = span.to;
      continue;
    }
    if (!within.code && text[i] === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    OPENER.lastIndex = i;
    if (text[i] === '{' && OPENER.test(text)) {
      nested.push(i);
      depth += 2; // its own }} closes it, not the outer one
      i += 2;
      continue;
    }
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '}' && text[i + 1] === '}' && i + 1 < within.to) return { at: i, separator, nested };
    else if (c === ':' && text[i + 1] === ':' && depth === 0 && separator === null) {
      separator = i;
      i += 2;
      continue;
    }
    i++;
  }
  return null;
}

/**
 * The code spans of a prose block, as CommonMark reads them: a run of backticks (not escaped)
 * up to the next run of the same length; a run with no partner is literal text.
 */
function codeSpans(text: string, block: Range): CodeSpans {
  const spans = new Map<number, CodeSpan>();
  const runAt = (i: number) => {
    let n = 0;
    while (i + n < block.to && text[i + n] === '`') n++;
    return n;
  };
  let i = block.from;
  while (i < block.to) {
    if (text[i] === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const ticks = runAt(i);
    let k = i + ticks;
    let closer = -1;
    while (k < block.to) {
      if (text[k] !== '`') {
        k++;
        continue;
      }
      const n = runAt(k);
      if (n === ticks) {
        closer = k;
        break;
      }
      k += n;
    }
    if (closer < 0) {
      i += ticks;
      continue;
    }
    spans.set(i, { from: i, to: closer + ticks, ticks });
    i = closer + ticks;
  }
  return spans;
}
