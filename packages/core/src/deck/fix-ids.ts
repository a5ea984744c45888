import { slugify, uniqueId } from './ids.js';
import { cardHeadings } from './parse-deck.js';

/**
 * Writes a `{#id}` into every card heading that lacks one. Pure; returns the new text and how
 * many ids were added. Every other byte (line endings, BOM, spacing) is left as it was.
 * A heading with no question is left alone: its `empty-question` problem needs the author.
 * A question with no latin words is named by its place in the deck: `card-3` for the third card.
 */
export function fixMissingIds(input: string): { text: string; added: number } {
  const { bom, headings } = cardHeadings(input);
  const taken = new Set(headings.flatMap((h) => (h.id === null ? [] : [h.id])));
  const shift = bom ? 1 : 0;
  const inserts = headings.flatMap((h, i) =>
    h.id === null && h.text !== ''
      ? [{ at: h.insertAt + shift, token: ` {#${uniqueId(slugify(h.text, `card-${i + 1}`), taken)}}` }]
      : [],
  );
  let text = input;
  for (const { at, token } of [...inserts].reverse()) text = text.slice(0, at) + token + text.slice(at);
  return { text, added: inserts.length };
}
