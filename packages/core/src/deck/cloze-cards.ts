// A cloze card (kind: cloze) read from its prompt body: the deletions, each problem at its
// position, and one card per number, keyed `deck/card-id/c1`. Deletions anywhere else — in the
// heading or a section of a cloze card, in the prose of another kind's body — are reported.
import type { Unhashed } from './card-hash.js';
import type { CardFields, Section, Span } from './card-sections.js';
import { clozeMarkdown } from './cloze-markdown.js';
import { MAX_CLOZE, type Range, type ScanBlock, scanCloze } from './cloze-scan.js';
import { MAX_ID_LENGTH } from './ids.js';
import type { Source } from './markdown-source.js';
import { children, type Node, parseMarkdown, plainText } from './markdown-tree.js';
import type { CardKind, ClozeCard, ClozeText } from './model.js';

/** Longest id of a cloze card: the key of its number `/c99` stays within MAX_ID_LENGTH. */
const MAX_CLOZE_ID_LENGTH = MAX_ID_LENGTH - `/c${MAX_CLOZE}`.length;

/** One card for each number of the cloze deletions in the body (`nodes`, spanning `body`). */
export function clozeCards(
  src: Source,
  heading: Node,
  nodes: readonly Node[],
  body: Span,
  common: CardFields,
  typed: boolean,
): Unhashed[] {
  const { deletions, problems, escapes } = scanCloze(src.text, leafBlocks(src, nodes));
  for (const p of problems) {
    const at = src.at(p.at);
    if (p.code === 'bad-cloze-number') src.report(at, p.code, { written: p.written });
    else if (p.code === 'cloze-typo') src.report(at, p.code, { written: p.written, meant: p.meant });
    else src.report(at, p.code);
  }
  // The source from `from` to `to` as shown: the backslashes escaping an opener in code left out.
  const shown = (from: number, to: number) => {
    let out = '';
    for (const e of escapes.filter((e) => e >= from && e < to)) {
      out += src.edited(from, e);
      from = e + 1;
    }
    return out + src.edited(from, to);
  };
  if (deletions.length === 0 && problems.length === 0) src.report(heading, 'no-cloze');
  if (common.id.length > MAX_CLOZE_ID_LENGTH) src.report(heading, 'long-cloze-id', { id: common.id });

  const text: ClozeText = [];
  let from = body.from;
  for (const d of deletions) {
    text.push(shown(from, d.from));
    const hint = d.hint ? src.edited(d.hint.from, d.hint.to).trim() : '';
    text.push({ cloze: d.cloze, answer: src.edited(d.answer.from, d.answer.to), hint, code: d.code });
    from = d.to;
  }
  text.push(shown(from, body.to));
  // As Source.between trims the text of other cards: no leading blank lines, no trailing spaces.
  text[0] = (text[0] as string).replace(/^(?:[ \t]*\n)+/, '');
  text[text.length - 1] = (text[text.length - 1] as string).trimEnd();
  const parts = text.filter((part) => part !== '');

  const numbers = [...new Set(deletions.map((d) => d.cloze))].sort((a, b) => a - b);
  return numbers.map((n): Omit<ClozeCard, 'hash'> => {
    const answers = deletions
      .filter((d) => d.cloze === n)
      .map((d) => plainAnswer(src.edited(d.answer.from, d.answer.to), d.code));
    return {
      ...common,
      id: `${common.id}/c${n}`,
      key: `${common.key}/c${n}`,
      body: clozeMarkdown(parts, n, false),
      kind: 'cloze',
      cloze: n,
      text: parts,
      answers: [...new Set(answers)],
      typed,
    };
  });
}

/**
 * Reports deletions where they blank nothing: in a cloze card's heading or sections, or in the
 * prose of another kind's body or sections (code there may well show the syntax).
 */
export function checkStrayCloze(
  src: Source,
  kind: CardKind,
  heading: Node,
  body: readonly Node[],
  sections: readonly Section[],
): void {
  const first = (nodes: readonly Node[], prose: boolean) =>
    scanCloze(src.text, leafBlocks(src, nodes)).deletions.find((d) => !prose || !d.code);
  if (kind !== 'cloze') {
    const found = [body, ...sections.map((s) => s.nodes)].map((nodes) => first(nodes, true)).find(Boolean);
    if (found) src.report(src.at(found.from), 'cloze-without-kind', { kind });
    return;
  }
  const inHeading = first([heading], false);
  if (inHeading) src.report(src.at(inHeading.from), 'cloze-outside-body', { where: 'heading' });
  for (const section of sections) {
    const found = first(section.nodes, false);
    const where = `${section.name[0]?.toUpperCase()}${section.name.slice(1)} section`;
    if (found) src.report(src.at(found.from), 'cloze-outside-body', { where });
  }
}

/** The leaf blocks under `nodes`: paragraphs and headings as prose, code and HTML blocks as code. */
function leafBlocks(src: Source, nodes: readonly Node[]): ScanBlock[] {
  return nodes.flatMap((node): ScanBlock[] => {
    const span: Range = { from: src.start(node), to: src.end(node) };
    switch (node.type) {
      case 'list':
      case 'item':
      case 'block_quote':
        return leafBlocks(src, children(node));
      case 'code_block':
        return [{ ...span, code: true }];
      case 'html_block':
        return [{ ...span, code: true, html: true }];
      case 'paragraph':
      case 'heading':
        return [{ ...span, code: false }];
      default:
        return [];
    }
  });
}

/**
 * An answer as plain text, what a typed answer is checked against: code as written, markdown
 * without its markup (read as inline text: a `(` first keeps `1.` or `---` from starting a block).
 */
function plainAnswer(answer: string, code: boolean): string {
  const plain = code ? answer : plainText(parseMarkdown(`(${answer}`).root).slice(1);
  return (plain.trim() ? plain : answer).replace(/\s+/g, ' ').trim();
}
