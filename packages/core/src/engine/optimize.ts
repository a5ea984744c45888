// `grill optimize` (issue 15): FSRS-6 weights fitted to the user's own review log with the FSRS
// optimizer (fsrs-rs, through @open-spaced-repetition/binding: loaded only here, on first use),
// adopted only when they predict the user's recalls better than the weights in use.
import { default_w } from 'ts-fsrs';
import { InvalidInputError } from '../errors.js';
import type { Grill } from './grill.js';
import { type TrainingReview, trainingSet } from './optimizer-items.js';

/**
 * Answers needed before fitted weights may be adopted. Anki asked for 400 review logs before it
 * let FSRS optimize (24.04), and FSRS's authors found about 200 reviews needed for fitted weights
 * to hold on the next 1000 (ankitects/anki#3094); 400 keeps the margin.
 */
export const MIN_REVIEWS = 400;
/** The share of the items (the earliest) the held-out comparison fits on; it tests on the rest. */
const TRAIN_SHARE = 0.8;

/** Log loss and RMSE over bins of predicted recall against the answers (lower is better). */
export interface Fit {
  logLoss: number;
  rmseBins: number;
}

export interface OptimizeResult {
  /** Answers in effect used, on this many cards. */
  reviews: number;
  cards: number;
  adopted: boolean;
  /** Why adopted or not, in one line. */
  reason: string;
  /** The weights in use and freshly fitted ones, both judged on the latest 20% of the items, the fit made on the earlier 80%. */
  before: Fit;
  after: Fit | null;
  /** The 21 weights fitted on the whole history (null when there was too little, or they did not predict better). */
  weights: number[] | null;
  /** The deck the weights are for ('' for all). */
  scope: string;
  /** The health check: habits that make a fit unreliable, one line each (see healthWarnings). */
  warnings: string[];
}

export interface OptimizeOptions {
  deck?: string;
  dryRun?: boolean;
  /** Called as the work goes: done and total steps (the held-out fit, then the whole fit). */
  progress?: (done: number, total: number) => void;
  /**
   * Stops waiting for the training (Ctrl+C, a time limit): the call rejects with the signal's
   * reason and nothing is changed. (The optimizer offers no way to interrupt its native thread;
   * the command exits right after.)
   */
  signal?: AbortSignal;
}

type Binding = typeof import('@open-spaced-repetition/binding');

/** The optimizer module, or a clear error on a platform it has no build for. */
async function loadBinding(): Promise<Binding> {
  try {
    return await import('@open-spaced-repetition/binding');
  } catch (error) {
    throw new InvalidInputError(
      'optimizer-unavailable',
      `the FSRS optimizer cannot load on this platform (${process.platform}-${process.arch}): ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * Fits FSRS-6 weights to the answers in effect (optimizer-items.ts) and adopts them — a synced
 * `weights` setting event, governing answers from `now` on — when the history has MIN_REVIEWS
 * answers and, fitted on the earlier 80% of the items, they predict the later 20% with a lower log
 * loss than the weights in use (a time split: past to train, future to test).
 * Throws InvalidInputError `optimizer-unavailable` when the optimizer cannot load.
 */
export async function optimize(
  grill: Grill,
  now: number,
  options: OptimizeOptions = {},
): Promise<OptimizeResult> {
  const scope = options.deck ?? '';
  if (options.deck !== undefined) grill.requireDeck(options.deck);
  const binding = await loadBinding();
  const set = trainingSet(grill, options.deck);
  const all = set.items.map(toItem(binding));
  const current = grill.settings(scope).weights ?? [...default_w];
  // A time split: fit on the earlier 80% of the items, judge both weight sets on the later 20%.
  const cut = [...set.times].sort((a, b) => a - b)[Math.floor(set.times.length * TRAIN_SHARE)] ?? 0;
  const train = all.filter((_, i) => (set.times[i] ?? 0) < cut);
  // Evaluation predicts each item's last review, which must come a day or more after the one
  // before (the optimizer refuses a same-day step there): those are the items judged.
  const test = all.filter((_, i) => (set.times[i] ?? 0) >= cut && (set.items[i]?.at(-1)?.deltaT ?? 0) > 0);
  const base = { reviews: set.reviews, cards: set.cards, scope, warnings: healthWarnings(grill) };
  if (set.reviews < MIN_REVIEWS || train.length < 8 || test.length === 0)
    return {
      ...base,
      before: evaluateOrNaN(binding, current, test),
      adopted: false,
      after: null,
      weights: null,
      reason: `${plural(set.reviews, 'answer')} so far: ${Math.max(1, MIN_REVIEWS - set.reviews)} more are needed before fitted weights can be trusted (the weights in use stay)`,
    };
  // (The binding's own `timeout` option delays its answer rather than limiting it: not used.)
  const training = {
    enableShortTerm: true,
    numRelearningSteps: grill.settings(scope).relearningSteps.length,
  };
  const fit = (items: typeof all) => abortable(binding.computeParameters(items, training), options.signal);
  const before = evaluateOrNaN(binding, current, test);
  if (Number.isNaN(before.logLoss))
    return {
      ...base,
      before,
      adopted: false,
      after: null,
      weights: null,
      reason: `too few recent reviews a day or more apart (${test.length}) to judge a fit on: the weights in use stay`,
    };
  options.progress?.(0, 2);
  const after = evaluateOrNaN(binding, await fit(train), test);
  options.progress?.(1, 2);
  // The weights adopted are fitted on the whole history, once the split has shown fitting helps.
  const weights = after.logLoss < before.logLoss ? await fit(all) : null; // NaN compares false: kept
  options.progress?.(2, 2);
  options.signal?.throwIfAborted();
  const better = weights !== null;
  const adopted = better && !options.dryRun;
  if (adopted && weights) grill.setSetting('weights', weights, now, scope);
  const change = `log loss ${before.logLoss.toFixed(4)} → ${after.logLoss.toFixed(4)}, RMSE ${(before.rmseBins * 100).toFixed(2)}% → ${(after.rmseBins * 100).toFixed(2)}%`;
  const where = scope ? ` in deck ${scope}` : '';
  const reason = !better
    ? `the fitted weights predict your answers no better than the ones in use (${change})`
    : options.dryRun
      ? `the fitted weights predict your answers better (${change}), but this is a dry run: nothing changed`
      : `the fitted weights predict your answers better (${change}): adopted for answers from now on${where}`;
  return { ...base, before, adopted, after, weights, reason };
}

/** Review answers from which the rating habits are judged, and the shares that flag Hard used as a fail. */
const HEALTH_MIN_REVIEWS = 100;
const HARD_SHARE = 0.2;
const AGAIN_SHARE = 0.02;

/**
 * The health check (as Anki's): Hard used as a failing grade — often pressed on cards in review
 * while Again almost never is — teaches FSRS that forgotten cards were recalled, a known source of
 * bad fits (FSRS's guidance: Again when you forgot, Hard when you recalled with effort).
 */
export function healthWarnings(grill: Grill): string[] {
  const r = grill.store.stats.reviewRatings();
  const total = r[1] + r[2] + r[3] + r[4];
  if (total < HEALTH_MIN_REVIEWS) return [];
  const [again, hard] = [r[1] / total, r[2] / total];
  if (hard < HARD_SHARE || again > AGAIN_SHARE) return [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return [
    `Hard is ${pct(hard)} of your answers on cards in review and Again only ${pct(again)}: if you press Hard when you forgot, the fit learns you remembered. Again means forgot; Hard means recalled with effort.`,
  ];
}

/** `promise`, or a rejection with the signal's reason as soon as it is aborted. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** The fit of `weights` on `items`; NaN where there are too few to judge (the optimizer says NotEnoughData). */
function evaluateOrNaN(
  binding: Binding,
  weights: number[],
  items: InstanceType<Binding['FSRSBindingItem']>[],
): Fit {
  try {
    if (items.length > 0) return new binding.FSRSBinding(weights).evaluate(items);
  } catch {
    // too little data to judge: NaN below
  }
  return { logLoss: Number.NaN, rmseBins: Number.NaN };
}

function toItem(binding: Binding) {
  return (reviews: TrainingReview[]) =>
    new binding.FSRSBindingItem(reviews.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT)));
}
