// The markdown renderer's styles: one set with colour (chalk level 1), one without, and the block context.
import { Chalk, type ChalkInstance } from 'chalk';
import { codeHighlighter } from './markdown-highlight.js';

export interface Style {
  bold(text: string): string;
  italic(text: string): string;
  strike(text: string): string;
  code(text: string): string;
  dim(text: string): string;
  /** Syntax highlighting for a fenced block, or null when it stays plain. */
  highlight: ((code: string, language: string) => string) | null;
}

/** What a block is rendered in. */
export interface Ctx {
  s: Style;
  /** Nesting depth of lists, for the bullet shape. */
  depth: number;
}

function makeStyle(chalk: ChalkInstance, color: boolean): Style {
  return {
    bold: (t) => chalk.bold(t),
    italic: (t) => chalk.italic(t),
    strike: color ? (t) => chalk.strikethrough(t) : (t) => `~~${t}~~`,
    code: (t) => chalk.yellow(t),
    dim: (t) => chalk.dim(t),
    highlight: color ? codeHighlighter(chalk) : null,
  };
}

const STYLES = [makeStyle(new Chalk({ level: 0 }), false), makeStyle(new Chalk({ level: 1 }), true)] as const;

export const style = (color: boolean): Style => STYLES[color ? 1 : 0];
