// Markdown tables as terminal lines: columns fitted to the width, or stacked `Header: value` lines.
import type { Tokens } from 'marked';
import { displayWidth } from './display-width.js';
import { inline } from './markdown-inline.js';
import { wrapStyled } from './markdown-lines.js';
import type { Style } from './markdown-style.js';

const COLUMN_GAP = 3; // ' │ '
/** Narrower than this (or its content), a cell breaks most words: the table is stacked instead. */
const MIN_COLUMN = 10;

export function table(t: Tokens.Table, width: number, s: Style): string[] {
  const header = t.header.map((cell) => inline(cell.tokens, s).replace(/\n/g, ' '));
  const rows = t.rows.map((row) => row.map((cell) => inline(cell.tokens, s).replace(/\n/g, ' ')));
  const n = header.length;
  const all = [header, ...rows];
  const natural = header.map((_, c) => Math.max(1, ...all.map((row) => displayWidth(row[c] ?? ''))));
  const longestWord = header.map((_, c) =>
    Math.max(1, ...all.flatMap((row) => (row[c] ?? '').split(' ').map((w) => displayWidth(w)))),
  );
  const room = width - COLUMN_GAP * (n - 1);
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
  if (sum(floor) > room) return stacked(header, rows, width, s);

  const widths = [...floor];
  fill(
    widths,
    natural.map((w, c) => Math.min(w, longestWord[c] as number)),
    room,
  );
  fill(widths, natural, room);

  const sep = s.dim(' │ ');
  const rule = s.dim(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  const renderRow = (cells: readonly string[], bold: boolean): string[] => {
    const wrapped = widths.map((w, c) => wrapStyled(bold ? s.bold(cells[c] ?? '') : (cells[c] ?? ''), w));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, i) =>
      widths
        .map((w, c) => align(wrapped[c]?.[i] ?? '', w, t.align[c] ?? null))
        .join(sep)
        .replace(/ +$/, ''),
    );
  };
  const body = rows.map((row) => renderRow(row, false));
  const ruled = body.some((lines) => lines.length > 1);
  return [
    ...renderRow(header, true),
    rule,
    ...body.flatMap((lines, i) => (ruled && i > 0 ? [rule, ...lines] : lines)),
  ];
}

/** A table too wide for the screen: one `Header: value` line per cell, a blank line between rows. */
function stacked(header: readonly string[], rows: readonly string[][], width: number, s: Style): string[] {
  return rows.flatMap((row, r) => {
    const lines = header.flatMap((h, c) => {
      const value = row[c] ?? '';
      const [first = '', ...rest] = wrapStyled(h ? `${s.bold(`${h}:`)} ${value}` : value, width);
      if (rest.length === 0) return [first];
      return [first, ...wrapStyled(rest.join(' '), Math.max(1, width - 2)).map((l) => `  ${l}`)];
    });
    return r > 0 ? ['', ...lines] : lines;
  });
}

/** Grows `widths` towards `target` within `room`, the narrowest first (max-min fair). */
function fill(widths: number[], target: readonly number[], room: number): void {
  let left = room - sum(widths);
  for (;;) {
    const open = widths.map((_, c) => c).filter((c) => (widths[c] as number) < (target[c] as number));
    if (left <= 0 || open.length === 0) return;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const c of open) {
      const add = Math.min(share, (target[c] as number) - (widths[c] as number), left);
      widths[c] = (widths[c] as number) + add;
      left -= add;
    }
  }
}

function align(text: string, width: number, how: 'left' | 'right' | 'center' | null): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (how === 'right') return ' '.repeat(gap) + text;
  if (how === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
