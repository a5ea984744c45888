import { cardGroups } from './card-headings.js';
import { readCards } from './card-sections.js';
import { checkCodeFences, checkControlCharacters } from './deck-checks.js';
import { parseDeckMeta } from './front-matter.js';
import { Source } from './markdown-source.js';
import type { Card, Deck, ParsedDeck } from './model.js';

export { type CardHeading, cardHeadings } from './card-headings.js';

/**
 * Parses one deck file. Pure: text in, deck, cards and every problem found out.
 * A leading byte-order mark and CRLF line endings are accepted.
 */
export function parseDeck(input: string, file: string): ParsedDeck {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const src = new Source(text, file);

  checkControlCharacters(src);
  checkCodeFences(src);
  const deck = readFrontMatter(src);

  const cards: Card[] = [];
  const seen = new Map<string, number>();
  for (const group of cardGroups(src)) {
    const read = readCards(src, group, deck);
    const heading = group.info;
    if (heading.id !== null) {
      const firstLine = seen.get(heading.id);
      if (firstLine !== undefined) {
        src.report(group.heading, 'duplicate-id', { id: heading.id, firstLine });
        continue;
      }
      seen.set(heading.id, heading.line);
    }
    cards.push(...read);
  }

  src.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { deck, cards: deck ? cards : [], problems: src.problems };
}

function readFrontMatter(src: Source): Deck | null {
  const first = src.tree.frontMatter;
  if (!first) {
    const code = src.tree.frontMatterUnclosed ? 'unclosed-front-matter' : 'missing-front-matter';
    src.report({ line: 1, column: 1 }, code);
    return null;
  }
  const result = parseDeckMeta(first.value);
  const yamlLine = first.line;
  for (const p of result.problems) {
    // The YAML body starts on the line after the opening `---`.
    src.report({ line: yamlLine + p.line, column: p.column }, 'bad-front-matter', { what: p.message });
  }
  return result.meta ? { ...result.meta, file: src.file, line: yamlLine + result.idLine } : null;
}
