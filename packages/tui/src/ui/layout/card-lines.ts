import { type Card, takesTyping, terminalSafe } from '@grill/core';
import type { CardUiState } from '../card-reducer.js';
import { renderInline, renderMarkdownLines } from '../markdown.js';
import { clozeSource, paintCloze } from './cloze-lines.js';
import { hang, palette, width as textWidth, wrap } from './text.js';

export interface CardBody {
  /** Every line of the card's scrollable part: prompt, the kind's input, and the answer once shown. */
  lines: string[];
  /** The lines of the focused rubric point, kept in view while moving through the rubric. */
  focus: { start: number; end: number } | null;
}

/** Rendered markdown, remembered for the cards of a session (rendering is the costly part). */
const rendered = new Map<string, string[]>();
function markdown(source: string, cols: number, color: boolean): string[] {
  const key = `${cols}:${color ? 1 : 0}:${source}`;
  let lines = rendered.get(key);
  if (!lines) {
    lines = renderMarkdownLines(source, cols, { color });
    if (rendered.size > 500) rendered.clear();
    rendered.set(key, lines);
  }
  return lines;
}

/**
 * The scrollable lines of a card at `cols` columns: every line at most `cols` wide, deck text
 * made terminal-safe. Pure apart from the rendering cache.
 */
export function cardBody(card: Card, ui: CardUiState, cols: number, color: boolean): CardBody {
  const c = palette(color);
  const lines: string[] = [...wrap(c.bold(renderInline(card.title, { color })), cols)];
  // A cloze card's text, its asked deletions blanked or, once revealed, filled in and highlighted.
  if (card.kind === 'cloze') {
    const revealed = ui.phase === 'revealed';
    lines.push('', ...paintCloze(markdown(clozeSource(card, revealed), cols, color), revealed, color));
  } else if (card.body) lines.push('', ...markdown(card.body, cols, color));
  const input = kindInput(card, ui, cols, color);
  if (input.lines.length) lines.push('');
  const offset = lines.length;
  lines.push(...input.lines);
  const focus = input.focus ? { start: input.focus.start + offset, end: input.focus.end + offset } : null;
  if (ui.phase === 'revealed') lines.push(...revealed(card, ui, cols, color));
  return { lines, focus };
}

/**
 * The whole card to read rather than answer (the card browser): the prompt, what a right answer
 * is — the correct options, the accepted answers, the rubric, the deletions filled in — then the
 * model answer, why it matters and the common mistake, as the drill shows them once revealed.
 */
export function cardReference(card: Card, cols: number, color: boolean): string[] {
  const c = palette(color);
  const lines: string[] = [...wrap(c.bold(renderInline(card.title, { color })), cols)];
  if (card.kind === 'cloze')
    lines.push('', ...paintCloze(markdown(clozeSource(card, true), cols, color), true, color));
  else if (card.body) lines.push('', ...markdown(card.body, cols, color));
  const right: string[] = [];
  if (card.kind === 'choice')
    card.options.forEach((option, i) => {
      const mark = option.correct ? c.green('✓') : ' ';
      const text = renderInline(option.text, { color });
      right.push(...hang(`${mark} ${i + 1}. `, option.correct ? c.green(text) : text, cols));
    });
  if (card.kind === 'typed')
    right.push(...hang('accepted: ', c.green.bold(terminalSafe(card.accept.join(' | '))), cols));
  if (card.kind === 'cloze') right.push(...clozeAnswer(card.answers, cols, color));
  if (card.kind === 'open') {
    right.push(...wrap(c.bold('Rubric:'), cols));
    for (const point of card.rubric) right.push(...hang('  - ', renderInline(point, { color }), cols));
  }
  if (right.length) lines.push('', ...right);
  lines.push(...answerLines(card, cols, color));
  return lines;
}

function kindInput(card: Card, ui: CardUiState, cols: number, color: boolean): CardBody {
  const c = palette(color);
  const revealed = ui.phase === 'revealed';
  if (card.kind === 'choice') {
    const lines = card.options.flatMap((option, i) => {
      const picked = ui.chosen.includes(i);
      const text = renderInline(option.text, { color });
      if (!revealed)
        return hang(`${picked ? c.cyan('●') : '○'} ${i + 1}. `, picked ? c.cyan(text) : text, cols);
      // After the answer every option says what it was: chosen and right, chosen and wrong, missed.
      const [mark, note] =
        picked && option.correct
          ? [c.green('✓'), c.green(' — your choice, right')]
          : picked
            ? [c.red('✗'), c.red(' — your choice, wrong')]
            : option.correct
              ? [c.yellow('!'), c.yellow(' — right, missed')]
              : [' ', ''];
      return hang(`${mark} ${i + 1}. `, text + note, cols);
    });
    return { lines, focus: null };
  }
  if (card.kind === 'cloze' && !takesTyping(card)) {
    return { lines: revealed ? clozeAnswer(card.answers, cols, color) : [], focus: null };
  }
  if (takesTyping(card)) {
    if (!revealed) {
      const typed = terminalSafe(ui.typed);
      const cursor = ui.editing ? c.inverse(' ') : '';
      const lines = hang(c.cyan('› '), typed + cursor, cols);
      if (!ui.editing) lines.push(c.dim('(answer field left: Tab to type again)'));
      // Typing keeps the field in view.
      return { lines, focus: { start: 0, end: lines.length } };
    }
    const answer = terminalSafe(ui.typed) || '(none)';
    const lines = [
      ...hang(
        'your answer: ',
        `${ui.correct ? c.green(answer) : c.red(answer)} ${ui.correct ? c.green('✓ right') : c.red('✗ wrong')}`,
        cols,
      ),
      ...(card.kind === 'typed'
        ? hang(
            'accepted: ',
            c.green.bold(terminalSafe(card.accept[0] ?? '')) +
              (card.accept.length > 1
                ? c.dim(` (also: ${terminalSafe(card.accept.slice(1).join(', '))})`)
                : ''),
            cols,
          )
        : card.kind === 'cloze'
          ? clozeAnswer(card.answers, cols, color)
          : []),
    ];
    return { lines, focus: { start: 0, end: lines.length } };
  }
  if (card.kind === 'open' && revealed) {
    const lines = wrap(c.bold('Rubric — tick what you covered:'), cols);
    let focus: CardBody['focus'] = null;
    card.rubric.forEach((point, i) => {
      const here = ui.cursor === i;
      const prefix = `${here ? c.cyan('›') : ' '} [${ui.covered.includes(i) ? 'x' : ' '}] `;
      const start = lines.length;
      lines.push(...hang(here ? c.cyan(prefix) : prefix, renderInline(point, { color }), cols));
      if (here) focus = { start, end: lines.length };
    });
    return { lines, focus };
  }
  return { lines: [], focus: null };
}

/** The asked deletions' answers, in order, as a typed answer gives them. */
function clozeAnswer(answers: readonly string[], cols: number, color: boolean): string[] {
  return hang('answer: ', palette(color).green.bold(terminalSafe(answers.join(', '))), cols);
}

function revealed(card: Card, ui: CardUiState, cols: number, color: boolean): string[] {
  const c = palette(color);
  const lines: string[] = [];
  if (card.kind === 'choice') lines.push('', ui.correct ? c.green('✓ right') : c.red('✗ not quite'));
  return [...lines, ...answerLines(card, cols, color)];
}

/** The model answer in a frame, why it matters and the common mistake. */
function answerLines(card: Card, cols: number, color: boolean): string[] {
  const c = palette(color);
  const lines: string[] = [];
  if (card.answer) lines.push('', ...box(markdown(card.answer, cols - 4, color), cols, color));
  for (const [label, text, tint] of [
    ['Why it matters', card.why, c.yellow],
    ['Common mistake', card.mistake, c.red],
  ] as const) {
    if (text) lines.push(...hang('', `${tint.bold(`${label}:`)} ${renderInline(text, { color })}`, cols));
  }
  return lines;
}

/** Lines in a rounded frame `cols` wide. */
function box(inner: readonly string[], cols: number, color: boolean): string[] {
  const c = palette(color);
  const innerWidth = cols - 4;
  const rule = '─'.repeat(cols - 2);
  return [
    c.gray(`╭${rule}╮`),
    ...inner.map(
      (l) => `${c.gray('│')} ${l}${' '.repeat(Math.max(0, innerWidth - textWidth(l)))} ${c.gray('│')}`,
    ),
    c.gray(`╰${rule}╯`),
  ];
}
