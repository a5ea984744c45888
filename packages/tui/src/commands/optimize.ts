import { InvalidInputError, optimize } from '@grill/core';
import { withGrill } from '../context.js';
import { exitWhenDone } from '../exit-now.js';
import { count, printJson, printText } from '../output.js';

export interface OptimizeCommandOptions {
  deck?: string;
  dryRun?: boolean;
  json?: boolean;
  timeout?: string;
  reschedule?: boolean;
}

/** `grill optimize`: fit FSRS to this user's history; adopt only what predicts better. */
export async function optimizeCommand(opts: OptimizeCommandOptions): Promise<void> {
  const seconds = opts.timeout === undefined ? 300 : Number(opts.timeout);
  // A day at most: beyond 2^31 ms a timer fires at once.
  if (!(Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400))
    throw new InvalidInputError(
      'bad-timeout',
      `bad --timeout "${opts.timeout}": seconds, up to 86400 (a day), e.g. 120`,
    );
  // Ctrl+C or the time limit stop the wait; nothing is changed then.
  const stop = new AbortController();
  const onSigint = () => stop.abort(new InvalidInputError('cancelled', 'cancelled: nothing changed'));
  process.on('SIGINT', onSigint);
  const timer = setTimeout(
    () =>
      stop.abort(
        new InvalidInputError('timed-out', `stopped after ${seconds} s (--timeout): nothing changed`),
      ),
    seconds * 1000,
  );
  const bar = process.stderr.isTTY && !opts.json ? progressBar() : null;
  try {
    await withGrill(async (grill, now) => {
      const result = await optimize(grill, now, {
        ...(opts.deck !== undefined ? { deck: opts.deck } : {}),
        ...(opts.dryRun ? { dryRun: true } : {}),
        signal: stop.signal,
        progress: (done, total) => bar?.(done, total),
      });
      bar?.(1, 1, true);
      // The weights govern answers from now on; --reschedule also re-derives existing due dates (synced).
      const rescheduled = result.adopted && opts.reschedule ? grill.reschedule(now, result.scope) : null;
      if (opts.json) {
        printJson({ ...result, rescheduled });
        return;
      }
      const scope = result.scope ? ` in ${result.scope}` : '';
      printText(
        [
          `${count(result.reviews, 'answer')} on ${count(result.cards, 'card')}${scope}, ${count(result.longTermReviews, 'review')} a day or more after the one before.`,
          ...result.warnings.map((w) => `Warning: ${w}`),
          `${result.adopted ? 'Adopted' : result.weights && opts.dryRun ? 'Dry run' : 'Kept'}: ${result.reason}.`,
          ...(rescheduled !== null
            ? [`Rescheduled ${count(rescheduled, 'card')}${scope} with the new weights.`]
            : result.adopted
              ? ['grill reschedule re-derives the due dates of cards already scheduled with them.']
              : opts.reschedule
                ? ['Nothing was rescheduled: the weights did not change.']
                : []),
        ].join('\n'),
      );
    });
  } catch (error) {
    if (stop.signal.aborted) {
      // The fit goes on in the optimizer's own thread, which nothing can stop: exit without waiting.
      exitWhenDone();
      if (error === stop.signal.reason && (error as InvalidInputError).code === 'cancelled') {
        process.stderr.write('grill: cancelled: nothing changed\n');
        process.exitCode = 130;
        return;
      }
    }
    throw error;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSigint);
    bar?.(1, 1, true);
  }
}

/**
 * A one-line progress bar on stderr, redrawn in place: the fits done of those to make, and the
 * seconds so far, ticking each second (a fit on a long history takes a while and reports nothing
 * until it ends).
 */
function progressBar(): (done: number, total: number, end?: boolean) => void {
  const started = Date.now();
  let [done, total] = [0, 1];
  const draw = () => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * 30);
    const seconds = Math.floor((Date.now() - started) / 1000);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] fitting ${Math.min(done + 1, total)} of ${total} · ${seconds} s`,
    );
  };
  const tick = setInterval(draw, 1000);
  tick.unref();
  return (d, t, end = false) => {
    [done, total] = [d, t];
    if (!end) return draw();
    clearInterval(tick);
    process.stderr.write('\r\u001b[2K');
  };
}
