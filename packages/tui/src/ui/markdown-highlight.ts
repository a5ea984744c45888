// Syntax highlighting of fenced code for the markdown renderer, in our colours, through cli-highlight.
import type { ChalkInstance } from 'chalk';
import { highlight, supportsLanguage, type Theme } from 'cli-highlight';

/*
 * cli-highlight and highlight.js are a third of the drill's code and take tens of milliseconds to
 * set up, and most cards have no code. So the bundle keeps them in a file of their own, read at
 * the first call to `highlight` or `supportsLanguage` (scripts/bundle.mjs): at the first code
 * block, or just after the drill's first frame (preloadHighlighter), and never under NO_COLOR.
 * From the sources they load with this file, as usual.
 */

const PLAIN_LANGUAGES = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

/** A highlighter drawing with `chalk`: the code with colours, or unchanged for an unknown language. */
export function codeHighlighter(chalk: ChalkInstance): (code: string, language: string) => string {
  // Every colour cli-highlight's default theme sets, from our chalk, so its own (chalk 4, with
  // its own colour detection) is never used.
  const theme: Theme = {
    keyword: chalk.blue,
    built_in: chalk.cyan,
    type: chalk.cyan.dim,
    literal: chalk.blue,
    number: chalk.green,
    regexp: chalk.red,
    string: chalk.red,
    class: chalk.blue,
    function: chalk.yellow,
    comment: chalk.green,
    doctag: chalk.green,
    meta: chalk.gray,
    tag: chalk.gray,
    name: chalk.blue,
    attr: chalk.cyan,
    emphasis: chalk.italic,
    strong: chalk.bold,
    link: chalk.underline,
    addition: chalk.green,
    deletion: chalk.red,
    default: (text) => text,
  };
  return (code, language) => {
    if (PLAIN_LANGUAGES.has(language)) return code;
    try {
      return supportsLanguage(language) ? highlight(code, { language, ignoreIllegals: true, theme }) : code;
    } catch {
      return code; // code highlight.js cannot take, or (bundle) a highlighter file that fails to load
    }
  };
}

/** Loads the highlighter now rather than at the first code block (the drill: after its first frame). */
export function preloadHighlighter(): void {
  try {
    supportsLanguage('sql');
  } catch {
    // The code blocks will show plain.
  }
}
