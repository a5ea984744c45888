import {
  DeckProblemsError,
  type Grill,
  InvalidInputError,
  mockInterview,
  type QueueFilter,
} from '@grill/core';
import { clockNow, openGrill } from '../context.js';
import { type Credentials, readCredentials } from '../credentials.js';
import { openInEditor } from '../editor.js';
import { grillHome } from '../paths.js';
import type { MockOptions, SessionSelect, StartWith } from '../ui/app-state.js';

export interface DrillOptions {
  deck?: string;
  tag?: string;
  limit?: string;
  /** Every card of the selection once, due or not. */
  cram?: boolean;
  /** Study ahead: the cards due in the next this many days. */
  ahead?: string;
  /** Open the home screen instead of starting a session. */
  home?: boolean;
  /** A mock interview instead of a drill (grill mock). */
  mock?: MockOptions;
}

/** Longest look ahead: ten years. */
const MAX_AHEAD_DAYS = 3650;

/** The interactive drill (Ink). Only this command loads Ink and React. */
export async function drill(opts: DrillOptions): Promise<void> {
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new InvalidInputError('bad-limit', `bad --limit "${opts.limit}": a positive whole number`);
  const select = sessionSelect(opts);
  // NO_COLOR (no-color.org) must be mapped before chalk is first imported by Ink.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  // Ink renders only a final frame when it believes it runs in CI (CI=true); on a real terminal
  // (checked below) the user wants the interactive screen, so CI detection must not apply.
  for (const name of Object.keys(process.env)) {
    if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_'))
      delete process.env[name];
  }
  const { grill } = await openGrill();
  // Answers are committed at once; folding the write-ahead log back happens here, off the answer path.
  const checkpoints = setInterval(() => grill.checkpoint('PASSIVE'), 30_000);
  checkpoints.unref();
  try {
    if (opts.deck) grill.requireDeck(opts.deck);
    if (opts.tag !== undefined) grill.requireTag(opts.tag);
    if (opts.mock && mockInterview(grill, clockNow(), opts.mock.selection).length === 0)
      throw new InvalidInputError(
        'no-questions',
        'no open questions to ask there: a mock interview asks open cards (explanations, debugging scenarios)',
      );
    // Bad options are reported first, wherever the command runs; then the terminal is checked.
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new InvalidInputError(
        'not-a-tty',
        'the drill needs an interactive terminal; for scripts use grill next and grill review',
      );
    }
    let credentials: Credentials | null = null;
    let syncNote: string | null = null;
    try {
      credentials = readCredentials(grillHome());
    } catch (error) {
      // The drill opens anyway; the note says why it does not sync.
      syncNote = `not synced: ${(error as Error).message}`;
    }
    const autoSync = credentials?.autoSync ? credentials : null;
    if (autoSync) syncNote = await quietSync(grill, autoSync);
    const [{ runApp }, { colorEnabled, preloadHighlighter }] = await Promise.all([
      import('../ui/run-app.js'),
      import('../ui/markdown.js'),
    ]);
    const filter: QueueFilter = {
      ...(opts.deck ? { deck: opts.deck } : {}),
      ...(opts.tag ? { tag: opts.tag } : {}),
    };
    const startWith: StartWith | undefined = opts.home
      ? undefined
      : opts.mock
        ? { mock: opts.mock }
        : { filter, ...(limit ? { limit } : {}), ...(select ? { select } : {}) };
    const running = runApp({
      grill,
      syncServer: credentials?.server ?? null,
      initialMessage: syncNote,
      clock: () => clockNow(),
      ...(startWith ? { startWith } : {}),
      openEditor: (file: string, line: number) => {
        process.stdin.setRawMode?.(false);
        try {
          return openInEditor(file, line);
        } finally {
          process.stdin.setRawMode?.(true);
        }
      },
      reimport: async (file: string) => {
        try {
          const { importPaths } = await import('@grill/core/parse');
          importPaths(grill, [file], clockNow());
          return null;
        } catch (error) {
          if (error instanceof DeckProblemsError) {
            const p = error.problems[0];
            return p ? `${p.file}:${p.line}:${p.column}: ${p.message}` : error.message;
          }
          throw error;
        }
      },
    });
    // Ink has drawn the first frame by now (it renders synchronously): the code highlighter,
    // otherwise read at the first code block, loads while the card is being read.
    if (colorEnabled()) setImmediate(preloadHighlighter);
    const result = await running;
    // Back on the normal screen: one line of what was done, since the drill's screen is gone.
    const s = result.summary;
    if (s && s.answers > 0)
      process.stdout.write(
        `grill: ${s.answers} answer${s.answers === 1 ? '' : 's'} on ${s.cards} card${s.cards === 1 ? '' : 's'}, all saved\n`,
      );
    // Ctrl+C: the conventional exit status of an interrupted command (128 + SIGINT).
    if (result.interrupted) process.exitCode = 130;
    if (autoSync) {
      const note = await quietSync(grill, autoSync);
      if (note) process.stderr.write(`${note}\n`);
    }
  } finally {
    clearInterval(checkpoints);
    grill.close();
  }
}

/** The list a session drills instead of today's queue (--cram, --ahead), checked; undefined for the queue. */
function sessionSelect(opts: DrillOptions): SessionSelect | undefined {
  if (opts.cram) return { kind: 'cram' };
  if (opts.ahead === undefined) return undefined;
  const days = /^\d+$/.test(opts.ahead) ? Number(opts.ahead) : Number.NaN;
  if (!(days >= 1 && days <= MAX_AHEAD_DAYS))
    throw new InvalidInputError(
      'bad-ahead',
      `bad --ahead "${opts.ahead}": a number of days, from 1 to ${MAX_AHEAD_DAYS}`,
    );
  return { kind: 'ahead', days };
}

/** Syncs for the drill: a failure (offline, say) becomes a note on screen, never an error. */
async function quietSync(grill: Grill, credentials: Credentials): Promise<string | null> {
  try {
    // Loaded only when the drill syncs: the protocol's validators are large.
    const { SyncHttpClient, syncOnce } = await import('@grill/core/sync');
    const r = await syncOnce(grill, new SyncHttpClient(credentials.server, credentials.token), clockNow());
    const aside =
      r.quarantined.length > 0 ? ` (${r.quarantined.length} invalid events set aside: see grill doctor)` : '';
    return r.pushed + r.pulled > 0 || aside ? `synced: pushed ${r.pushed}, pulled ${r.pulled}${aside}` : null;
  } catch (error) {
    return `not synced: ${(error as Error).message}`;
  }
}
