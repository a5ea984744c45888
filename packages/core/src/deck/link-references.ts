// Link reference definitions (`[rfc]: https://…`) hold for the whole file, but a card's text is
// sliced from the file piece by piece and each piece is rendered on its own, some as one line of
// inline markdown where no definition could reach it. So the parse records what commonmark
// resolved: each reference link becomes an edit writing its destination inline, and each
// definition outside any list or quote an edit cutting its lines. Source.between applies them.
import { type Node, Parser } from 'commonmark';

/** Replace the source from `from` to `to` (offsets) with `insert`. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
}

// The commonmark.js internals the recording hooks into (instance methods, so no global patching).
interface Raw extends Node {
  _string_content: string | null;
}
interface BlockParser {
  tip: Raw;
  currentLine: string;
  offset: number;
  lineNumber: number;
  addLine(): void;
  inlineParser: InlineParser;
}
interface InlineParser {
  subject: string;
  pos: number;
  brackets: { index: number } | null;
  parse(block: Raw): void;
  parseCloseBracket(block: Node): boolean;
}

/** A paragraph's text as commonmark collected it, line by line, with where each line came from. */
interface Paragraph {
  node: Raw;
  lines: { content: number; source: number; line: number }[];
  length: number;
  topLevel: boolean;
  /** Length of its text once definitions were taken off its start, when it was inline-parsed. */
  parsedLength?: number;
}

interface Recording {
  text: string;
  lineStarts: readonly number[];
  /** By the block's sourcepos array: a setext heading shares its paragraph's. */
  paragraphs: Map<unknown, Paragraph>;
  edits: Edit[];
  /** Source offset of an offset in the subject being inline-parsed; null when unknown. */
  toSource: ((i: number) => number) | null;
}

/** A commonmark parser whose parse also returns the edits that make card text self-contained. */
export function referenceResolvingParser(): (
  text: string,
  lineStarts: readonly number[],
) => { root: Node; edits: Edit[] } {
  const parser = new Parser();
  let rec: Recording | null = null;
  const blocks = parser as unknown as BlockParser;
  const inlines = blocks.inlineParser;

  const addLine = blocks.addLine;
  blocks.addLine = function (this: BlockParser) {
    const tip = this.tip;
    addLine.call(this);
    if (!rec || tip.type !== 'paragraph') return;
    const content = tip._string_content ?? '';
    const key = tip.sourcepos;
    const p = rec.paragraphs.get(key) ?? {
      node: tip,
      lines: [],
      length: 0,
      topLevel: tip.parent?.type === 'document',
    };
    rec.paragraphs.set(key, p);
    p.lines.push({
      content: content.length - 1 - (this.currentLine.length - this.offset),
      source: (rec.lineStarts[this.lineNumber - 1] ?? 0) + this.offset,
      line: this.lineNumber,
    });
    p.length = content.length;
  };

  const parseInlines = inlines.parse;
  inlines.parse = function (this: InlineParser, block: Raw) {
    if (rec) rec.toSource = sourceMap(rec, block);
    parseInlines.call(this, block);
    if (rec) rec.toSource = null;
  };

  const parseCloseBracket = inlines.parseCloseBracket;
  inlines.parseCloseBracket = function (this: InlineParser, block: Node) {
    const [opener, after, before] = [this.brackets, this.pos + 1, block.lastChild];
    const result = parseCloseBracket.call(this, block);
    const link = block.lastChild;
    const made = link !== before && (link?.type === 'link' || link?.type === 'image');
    const byReference = this.pos === after || this.subject[this.pos - 1] === ']';
    if (rec?.toSource && link && made && byReference && !isTaskMarker(block, opener?.index, this.subject)) {
      const insert = inlineDestination(link.destination ?? '', link.title ?? '');
      rec.edits.push({ from: rec.toSource(after), to: rec.toSource(this.pos), insert });
    }
    return result;
  };

  return (text, lineStarts) => {
    rec = { text, lineStarts, paragraphs: new Map(), edits: [], toSource: null };
    try {
      const root = parser.parse(text);
      const edits = [...rec.edits, ...definitionCuts(rec)].sort((a, b) => a.from - b.from);
      return { root, edits };
    } finally {
      rec = null;
    }
  };
}

/**
 * Maps offsets in the inline subject of `block` (its text, trimmed) to the source: through the
 * lines its paragraph collected (minus the definitions taken off its start), or, for an ATX
 * heading, along its one line.
 */
function sourceMap(rec: Recording, block: Raw): ((i: number) => number) | null {
  const content = block._string_content ?? '';
  const lead = content.length - content.trimStart().length;
  const p = rec.paragraphs.get(block.sourcepos);
  if (p) {
    p.parsedLength = content.length;
    const skip = p.length - content.length + lead;
    return (i) => {
      const at = skip + i;
      const line = p.lines.findLast((l) => l.content <= at) ?? p.lines[0];
      return line ? line.source + Math.max(0, at - line.content) : 0;
    };
  }
  if (block.type !== 'heading') return null;
  const [lineNumber, column] = block.sourcepos[0];
  const start = rec.lineStarts[lineNumber - 1] ?? 0;
  const line = rec.text.slice(start, rec.lineStarts[lineNumber] ?? rec.text.length);
  const at = line.indexOf(content.trim(), column - 1 + (block.level ?? 0));
  return at < 0 ? null : (i) => start + at + i;
}

/** The whole lines of each top-level paragraph's leading definitions (commonmark took them off). */
function definitionCuts(rec: Recording): Edit[] {
  const cuts: Edit[] = [];
  for (const p of rec.paragraphs.values()) {
    const left = p.parsedLength ?? p.node._string_content?.length ?? p.length;
    const defined = p.lines.filter((l) => l.content < p.length - left);
    const [first, last] = [defined[0], defined[defined.length - 1]];
    if (!p.topLevel || !first || !last) continue;
    const from = rec.lineStarts[first.line - 1] ?? rec.text.length;
    cuts.push({ from, to: rec.lineStarts[last.line] ?? rec.text.length, insert: '' });
  }
  return cuts;
}

/** `[x]` opening a list item is GitHub's task marker, even when `x` is a defined label. */
function isTaskMarker(block: Node, openerIndex: number | undefined, subject: string): boolean {
  const item = block.parent;
  return (
    openerIndex === 0 &&
    item?.type === 'item' &&
    item.firstChild === block &&
    /^\[[xX]\](?:\n|[ \t]+.)/s.test(subject)
  );
}

/** `(destination "title")`, written so any CommonMark reader reads it back the same. */
export function inlineDestination(destination: string, title: string): string {
  const target = /^[^\s()<>\\]*$/.test(destination)
    ? destination
    : `<${destination.replace(/[<>\\]/g, (c) => `\\${c}`)}>`;
  return title ? `(${target} "${title.replace(/["\\]/g, (c) => `\\${c}`)}")` : `(${target})`;
}
