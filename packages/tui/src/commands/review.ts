import {
  type AnswerDetail,
  checkAnswerDetail,
  formatInterval,
  InvalidInputError,
  judgedDetail,
  parseRating,
  RATING_NAMES,
} from '@grill/core';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

export interface ReviewOptions {
  rating: string;
  duration?: string;
  json?: boolean;
  chosen?: string;
  typed?: string;
  covered?: string;
}

function indexList(flag: string, raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^[1-9]\d*$/.test(p)))
    throw new InvalidInputError('bad-list', `--${flag} takes 1-based numbers separated by commas, e.g. 1,3`);
  return parts.map((p) => Number(p) - 1);
}

export function review(cardKey: string, opts: ReviewOptions): Promise<void> {
  const rating = parseRating(opts.rating);
  if (rating === null)
    throw new InvalidInputError(
      'bad-rating',
      `bad rating "${opts.rating}": use again, hard, good, easy or 1-4`,
    );
  const durationMs = opts.duration === undefined ? 0 : Number(opts.duration);
  if (!Number.isFinite(durationMs) || durationMs < 0)
    throw new InvalidInputError('bad-duration', `bad --duration "${opts.duration}": milliseconds, e.g. 8000`);
  let detail: AnswerDetail = {};
  const chosen = indexList('chosen', opts.chosen);
  const covered = indexList('covered', opts.covered);
  if (chosen) detail.chosen = chosen;
  if (covered) detail.covered = covered;
  if (opts.typed !== undefined) detail.typed = opts.typed;
  return withGrill((grill, now) => {
    if (Object.keys(detail).length > 0) {
      const card = grill.requireCard(cardKey).content;
      checkAnswerDetail(card, detail);
      detail = judgedDetail(card, detail);
    }
    const { event, state, clockBehind } = grill.answer(cardKey, rating, now, {
      durationMs,
      ...(Object.keys(detail).length > 0 ? { detail } : {}),
    });
    if (clockBehind) process.stderr.write(clockWarning(now, event.at));
    if (opts.json) {
      printJson({
        event: event.id,
        card: cardKey,
        rating: RATING_NAMES[rating],
        due: new Date(state.due).toISOString(),
        interval: formatInterval(state.due - event.at),
        lapses: state.lapses,
        leech: state.leech,
        ...(detail.correct !== undefined ? { correct: detail.correct } : {}),
      });
    } else {
      process.stdout.write(
        `${cardKey}: ${RATING_NAMES[rating]} — next in ${formatInterval(state.due - event.at)}${verdict(detail)}${state.leech ? ' (leech)' : ''}\n`,
      );
    }
  });
}

export function undo(opts: { json?: boolean }): Promise<void> {
  return withGrill((grill, now) => {
    const result = grill.undo(now);
    if (opts.json) {
      printJson(
        result ? { undone: result.undone.id, type: result.undone.type, card: result.undone.cardKey } : null,
      );
      return;
    }
    if (!result) process.stdout.write('nothing to undo\n');
    else process.stdout.write(`undid ${result.undone.type} of ${result.undone.cardKey}\n`);
  });
}

export function cardAction(action: 'suspend' | 'unsuspend' | 'bury') {
  return (cardKey: string): Promise<void> =>
    withGrill((grill, now) => {
      const state = grill[action](cardKey, now);
      const note =
        action === 'bury' && state.buriedUntil ? ` until ${new Date(state.buriedUntil).toISOString()}` : '';
      process.stdout.write(`${cardKey}: ${action === 'bury' ? 'buried' : `${action}ed`}${note}\n`);
    });
}

/** The warning for an answer recorded later than the clock said (see Grill.answer). */
export function clockWarning(now: number, recordedAt: number): string {
  return `grill: warning: the clock reads ${new Date(now).toISOString()}, before this card's last answer (${new Date(recordedAt).toISOString()}); the answer was recorded after it. Check this machine's clock.\n`;
}

/** What the answer given (--typed, --chosen) was judged: ` (answer right)`, ` (answer wrong)`, or nothing. */
function verdict(detail: AnswerDetail): string {
  return detail.correct === undefined ? '' : detail.correct ? ' (answer right)' : ' (answer wrong)';
}
