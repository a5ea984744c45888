// Checks over the whole deck file: control characters (shown inert, reported at file:line:col)
// and code fences that never close.
import { describeControl, findControlCharacters } from '../text/terminal-safe.js';
import { normalizeNewlines, type Source } from './markdown-source.js';
import type { Node } from './markdown-tree.js';

/**
 * Reports every control character (an ESC, a bare CR, ...) where an editor shows it: deck text
 * ends up in terminals, and decks come from git, so none may reach one. Tab, newline and CRLF
 * line endings are fine.
 */
export function checkControlCharacters(src: Source): void {
  for (const found of findControlCharacters(src.text)) {
    src.report(found, 'control-character', { name: describeControl(found.char) });
  }
}

/** Reports fenced code blocks that are never closed (they swallow the rest of the file). */
export function checkCodeFences(src: Source): void {
  const visit = (node: Node): void => {
    if (node.type === 'code_block') checkFence(src, node);
    // Only containers hold code blocks (paragraphs and headings hold inline text).
    else if (
      node.type === 'document' ||
      node.type === 'list' ||
      node.type === 'item' ||
      node.type === 'block_quote'
    )
      for (let child = node.firstChild; child; child = child.next) visit(child);
  };
  visit(src.tree.root);
}

function checkFence(src: Source, node: Node): void {
  const lines = normalizeNewlines(src.text.slice(src.start(node), src.end(node))).split('\n');
  const opening = lines[0]?.trimStart() ?? '';
  const fenceChar = opening[0];
  if (fenceChar !== '`' && fenceChar !== '~') return; // indented code has no fence
  let width = 0;
  while (opening[width] === fenceChar) width++;
  const closing = lines.length > 1 ? (lines[lines.length - 1] ?? '').trim() : '';
  const closed = closing.length >= width && [...closing].every((c) => c === fenceChar);
  if (!closed) {
    src.report(node, 'unclosed-fence', { fence: fenceChar.repeat(width) });
  }
}
