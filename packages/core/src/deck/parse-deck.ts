import type { Root } from 'mdast';
import { cardGroups, describeHeading } from './card-headings.js';
import { readCard } from './card-sections.js';
import { checkCodeFences, checkControlCharacters } from './deck-checks.js';
import { parseDeckMeta } from './front-matter.js';
import { parser, Source } from './markdown-source.js';
import type { Card, Deck, ParsedDeck } from './model.js';

export { type CardHeading, cardHeadings } from './card-headings.js';

/**
 * Parses one deck file. Pure: text in, deck, cards and every problem found out.
 * A leading byte-order mark and CRLF line endings are accepted.
 */
export function parseDeck(input: string, file: string): ParsedDeck {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const src = new Source(text, file);
  const tree = parser().parse(text) as Root;

  checkControlCharacters(src);
  checkCodeFences(src, tree);
  const deck = readFrontMatter(src, tree);

  const cards: Card[] = [];
  const seen = new Map<string, number>();
  for (const group of cardGroups(tree)) {
    const card = readCard(src, group.heading, group.nodes, deck);
    const heading = describeHeading(group.heading);
    if (heading.id !== null) {
      const firstLine = seen.get(heading.id);
      if (firstLine !== undefined) {
        src.problem(
          group.heading,
          'duplicate-id',
          `duplicate card id "${heading.id}" (first used on line ${firstLine})`,
          'card ids must be unique within a deck: give this card another id',
        );
        continue;
      }
      seen.set(heading.id, heading.line);
    }
    if (card) cards.push(card);
  }

  src.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { deck, cards: deck ? cards : [], problems: src.problems };
}

function readFrontMatter(src: Source, tree: Root): Deck | null {
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    src.problem(
      { line: 1, column: 1 },
      'missing-front-matter',
      'deck has no front matter',
      'start the file with a YAML block: ---, then id: my-deck and title: My deck, then ---',
    );
    return null;
  }
  const result = parseDeckMeta(first.value);
  const yamlLine = first.position?.start.line ?? 1;
  for (const p of result.problems) {
    // The YAML body starts on the line after the opening `---`.
    src.problem({ line: yamlLine + p.line, column: p.column }, p.code, p.message, p.hint);
  }
  return result.meta ? { ...result.meta, file: src.file, line: yamlLine + result.idLine } : null;
}
