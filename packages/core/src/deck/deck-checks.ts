// Checks over the whole deck file: control characters (shown inert, reported at file:line:col)
// and code fences that never close.
import type { Code, Nodes, Root } from 'mdast';
import { describeControl, findControlCharacters } from '../text/terminal-safe.js';
import { normalizeNewlines, type Source } from './markdown-source.js';

/**
 * Reports every control character (an ESC, a bare CR, ...) where an editor shows it: deck text
 * ends up in terminals, and decks come from git, so none may reach one. Tab, newline and CRLF
 * line endings are fine.
 */
export function checkControlCharacters(src: Source): void {
  for (const found of findControlCharacters(src.text)) {
    src.problem(
      found,
      'control-character',
      `control character ${describeControl(found.char)} in deck text`,
      'remove it; deck text is shown in terminals, where it would act as a command',
    );
  }
}

/** Reports fenced code blocks that are never closed (they swallow the rest of the file). */
export function checkCodeFences(src: Source, tree: Root): void {
  const visit = (node: Nodes): void => {
    if (node.type === 'code') checkFence(src, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
}

function checkFence(src: Source, node: Code): void {
  const pos = node.position;
  if (!pos) return;
  const lines = normalizeNewlines(src.text.slice(pos.start.offset, pos.end.offset)).split('\n');
  const opening = lines[0]?.trimStart() ?? '';
  const fenceChar = opening[0];
  if (fenceChar !== '`' && fenceChar !== '~') return; // indented code has no fence
  let width = 0;
  while (opening[width] === fenceChar) width++;
  const closing = lines.length > 1 ? (lines[lines.length - 1] ?? '').trim() : '';
  const closed = closing.length >= width && [...closing].every((c) => c === fenceChar);
  if (!closed) {
    src.problem(
      node,
      'unclosed-fence',
      'code fence is never closed',
      `close the block with ${fenceChar.repeat(width)} on its own line; until then it swallows the rest of the file`,
    );
  }
}
