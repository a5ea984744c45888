import { Chalk, type ChalkInstance } from 'chalk';
import cliTruncate from 'cli-truncate';
import { displayWidth } from '../display-width.js';
import { colorEnabled, wrapStyled } from '../markdown.js';

/** Colours for lines built as strings; none at all when colour is off (NO_COLOR). */
export function palette(color = colorEnabled()): ChalkInstance {
  return color ? COLOR : PLAIN;
}
const COLOR = new Chalk({ level: 1 });
const PLAIN = new Chalk({ level: 0 });

/** Display width in terminal columns (wide characters count 2, escape codes 0). */
export function width(text: string): number {
  return displayWidth(text);
}

/** `text` wrapped to `cols` columns: words kept whole where they fit, no leading space on a wrapped line. */
export function wrap(text: string, cols: number): string[] {
  if (text === '') return [''];
  return wrapStyled(text, Math.max(1, cols));
}

/**
 * `text` wrapped after `prefix`, continuation lines indented under the text (a hanging indent):
 * `prefix` on the first line, spaces of its width on the others.
 */
export function hang(prefix: string, text: string, cols: number): string[] {
  const indent = width(prefix);
  return indentLines(prefix, wrap(text, cols - indent));
}

/** `lines` with `first` before the first one and as many spaces before the rest. */
export function indentLines(first: string, lines: readonly string[]): string[] {
  const pad = ' '.repeat(width(first));
  return lines.map((l, i) => (i === 0 ? first : pad) + l);
}

/** Left and right parts on one line of `cols` columns; the left is cut (with …) if both do not fit. */
export function spread(left: string, right: string, cols: number): string {
  const room = cols - width(right) - 1;
  const l = width(left) > room ? truncate(left, room) : left;
  return l + ' '.repeat(Math.max(1, cols - width(l) - width(right))) + right;
}

/** `text` cut to `cols` columns, ending in … when cut. */
export function truncate(text: string, cols: number): string {
  return width(text) <= cols ? text : cliTruncate(text, Math.max(0, cols));
}

/** Items joined with ` · `, broken into lines of at most `cols` columns between items. */
export function joinWrapped(items: readonly string[], cols: number, separator = ' · '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? line + separator + item : item;
    if (line && width(next) > cols) {
      lines.push(line);
      line = item;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.flatMap((l) => (width(l) > cols ? wrap(l, cols) : [l]));
}
