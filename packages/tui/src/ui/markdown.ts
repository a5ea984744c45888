import { stripVTControlCharacters } from 'node:util';
import { Marked, type MarkedExtension } from 'marked';
import { markedTerminal } from 'marked-terminal';
import wrapAnsi from 'wrap-ansi';

const instances = new Map<string, Marked>();

/**
 * Renders markdown for the terminal: headings, bold, lists, inline code, highlighted fences,
 * tables. Colour follows chalk's detection (the drill command maps NO_COLOR to FORCE_COLOR=0).
 */
export function renderMarkdown(markdown: string, width: number): string {
  const cols = Math.max(20, width);
  const key = String(cols);
  let marked = instances.get(key);
  if (!marked) {
    marked = new Marked(
      markedTerminal({
        width: cols,
        reflowText: true,
        tab: 2,
        showSectionPrefix: false,
        emoji: false,
      }) as unknown as MarkedExtension,
    );
    instances.set(key, marked);
  }
  const out = (marked.parse(markdown, { async: false }) as string).replace(/\n+$/, '');
  // Code blocks and tables are not reflowed by the renderer: hard-wrap anything still too wide.
  return wrapAnsi(colorEnabled() ? out : stripVTControlCharacters(out), cols, { hard: true, trim: false });
}

/** NO_COLOR (https://no-color.org) turns every colour off, including table borders. */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR && env.FORCE_COLOR !== '0';
}
