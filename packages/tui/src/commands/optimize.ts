import { InvalidInputError, optimize } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson, printText } from '../output.js';

export interface OptimizeCommandOptions {
  deck?: string;
  dryRun?: boolean;
  json?: boolean;
  timeout?: string;
}

/** `grill optimize`: fit FSRS to this user's history; adopt only what predicts better. */
export async function optimizeCommand(opts: OptimizeCommandOptions): Promise<void> {
  const seconds = opts.timeout === undefined ? 300 : Number(opts.timeout);
  if (!(Number.isFinite(seconds) && seconds > 0))
    throw new InvalidInputError('bad-timeout', `bad --timeout "${opts.timeout}": seconds, e.g. 120`);
  let cancelled = false;
  const onSigint = () => {
    cancelled = true;
  };
  process.on('SIGINT', onSigint);
  const bar = process.stderr.isTTY && !opts.json ? progressBar() : null;
  try {
    await withGrill(async (grill, now) => {
      const result = await optimize(grill, now, {
        ...(opts.deck !== undefined ? { deck: opts.deck } : {}),
        ...(opts.dryRun ? { dryRun: true } : {}),
        timeoutMs: seconds * 1000,
        progress: (done, total) => {
          bar?.(done, total);
          return !cancelled;
        },
      });
      bar?.(1, 1, true);
      if (cancelled) throw new InvalidInputError('cancelled', 'cancelled: nothing changed');
      if (opts.json) {
        printJson(result);
        return;
      }
      printText(
        [
          `${count(result.reviews, 'answer')} on ${count(result.cards, 'card')}${result.scope ? ` in ${result.scope}` : ''}.`,
          `${result.adopted ? 'Adopted' : 'Kept'}: ${result.reason}.`,
          ...(result.adopted
            ? ['grill reschedule re-derives the due dates of cards already scheduled.']
            : []),
        ].join('\n'),
      );
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** A one-line progress bar on stderr, redrawn in place. */
function progressBar(): (done: number, total: number, end?: boolean) => void {
  return (done, total, end = false) => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * 30);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${Math.round(share * 100)}% training`,
    );
    if (end) process.stderr.write('\r\u001b[2K');
  };
}
