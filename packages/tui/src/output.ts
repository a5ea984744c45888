import { type Problem, terminalSafe } from '@grill/core';

/**
 * Writes plain text (a newline is added) with every control character made visible: deck text
 * comes from git, so it must never drive the terminal. JSON output does not need this (see printJson).
 */
export function printText(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

export function formatProblem(p: Problem): string {
  const severity = p.severity === 'warning' ? 'warning: ' : '';
  return terminalSafe(`${p.file}:${p.line}:${p.column}: ${severity}${p.message}\n  hint: ${p.hint}`);
}

/** JSON.stringify escapes control characters, so JSON output keeps deck text exact and still safe. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The columns a table may fill: the terminal's width; when output is not a terminal, `COLUMNS`
 * if set, else null (no limit: lines piped to another program are kept whole).
 */
export function terminalColumns(): number | null {
  if (process.stdout.isTTY) return process.stdout.columns ?? 80;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : null;
}

/** `3 cards`, `1 card`: a count and its noun (English plural with -s). */
export function count(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}
