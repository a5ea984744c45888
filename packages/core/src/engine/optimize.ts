// `grill optimize` (issue 15): FSRS-6 weights fitted to the user's own review log with the FSRS
// optimizer (fsrs-rs, through @open-spaced-repetition/binding: loaded only here, on first use),
// adopted only when they predict the user's recalls better than the weights in use.
import { WEIGHT_BOUNDS } from '@grill/protocol/limits';
import { default_w } from 'ts-fsrs';
import { InvalidInputError } from '../errors.js';
import type { Grill } from './grill.js';
import { type TrainingItem, type TrainingSet, trainingSet } from './optimizer-items.js';

/**
 * Reviews needed before fitted weights may be adopted: answers a day or more after the card's
 * previous one (same-day learning steps teach FSRS little about memory over days, and a history
 * of them alone fits wild initial stabilities). Anki asked for 400 reviews before it let FSRS
 * optimize (24.04), and FSRS's authors found about 200 needed for fitted weights to hold on the
 * next 1000 (ankitects/anki#3094); 400 keeps the margin.
 */
export const MIN_REVIEWS = 400;
/**
 * Reviews given since the weights in use were set, needed to judge new ones against them: the
 * weights in use were fitted on the history before, so only later reviews are fair ground for both.
 */
export const MIN_FRESH_REVIEWS = 100;
/**
 * The judging split, as fsrs-rs's TimeSeriesSplit: the items in time order cut into 6 segments,
 * and fold k fits on segments 0..k and tests on segment k+1 — the past to train, the future to
 * test. Up to LARGE_SET items every fold is judged (5/6 of the history tested); above it only the
 * last, which already tests tens of thousands of items and saves four fits.
 */
const SEGMENTS = 6;
const LARGE_SET = 50_000;
/** Log loss and RMSE over bins of predicted recall against the answers (lower is better). */
export interface Fit {
  logLoss: number;
  rmseBins: number;
}

export interface OptimizeResult {
  /** Answers in effect used, on this many cards. */
  reviews: number;
  cards: number;
  /** Of those, the reviews a day or more after the card's previous answer (what MIN_REVIEWS counts). */
  longTermReviews: number;
  adopted: boolean;
  /** Why adopted or not, in one line. */
  reason: string;
  /**
   * The weights in use and freshly fitted ones, judged on the same later items by the same
   * measure; each fitted only on the items before those it is judged on (see SEGMENTS).
   */
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
 * answers and, on a time-series split (SEGMENTS), weights fitted on the past predict the later
 * answers with both a lower log loss and a lower RMSE over bins than the weights in use.
 * Throws InvalidInputError `optimizer-unavailable` when the optimizer cannot load, and the
 * signal's reason when aborted (nothing changed).
 */
export async function optimize(
  grill: Grill,
  now: number,
  options: OptimizeOptions = {},
): Promise<OptimizeResult> {
  const scope = options.deck ?? '';
  if (options.deck !== undefined) grill.requireDeck(options.deck);
  const set = trainingSet(grill, options.deck);
  // Weights set now would govern answers given after now, re-deriving them; a dry run sets nothing.
  if (!options.dryRun && set.lastAnswerAt !== null && set.lastAnswerAt > now)
    throw new InvalidInputError(
      'clock-behind',
      `the clock reads ${new Date(now).toISOString()}, before your last answer (${new Date(set.lastAnswerAt).toISOString()}): weights set now would re-derive answers already given. Check this machine's clock`,
    );
  const binding = await loadBinding();
  const all = bindingItems(binding, set);
  const current = grill.settings(scope).weights ?? [...default_w];
  const since = weightsSetAt(grill, scope);
  const longTermReviews = set.items.filter((item) => lastDeltaT(set, item) > 0).length;
  const folds = judgingFolds(set, since);
  const base = {
    reviews: set.reviews,
    cards: set.cards,
    longTermReviews,
    scope,
    warnings: healthWarnings(grill, options.deck),
  };
  const kept = { adopted: false, after: null, weights: null };
  const unjudged = { logLoss: Number.NaN, rmseBins: Number.NaN };
  if (longTermReviews < MIN_REVIEWS) {
    const more = MIN_REVIEWS - longTermReviews;
    return {
      ...base,
      ...kept,
      before: unjudged,
      reason: `${plural(longTermReviews, 'review')} a day or more after the one before so far (same-day steps do not count): ${more} more ${more === 1 ? 'is' : 'are'} needed before fitted weights can be trusted (the weights in use stay)`,
    };
  }
  const fresh = folds.reduce((n, f) => n + f.test.length, 0);
  if (since !== undefined && fresh < MIN_FRESH_REVIEWS) {
    const more = MIN_FRESH_REVIEWS - fresh;
    return {
      ...base,
      ...kept,
      before: unjudged,
      reason: `the weights in use were set on ${new Date(since).toISOString().slice(0, 10)}, from your history until then: ${more} more ${more === 1 ? 'review' : 'reviews'} a day or more apart since then ${more === 1 ? 'is' : 'are'} needed to judge new weights fairly against them (the weights in use stay)`,
    };
  }
  // (The binding's own `timeout` option delays its answer rather than limiting it: not used.)
  const training = {
    enableShortTerm: true,
    numRelearningSteps: grill.settings(scope).relearningSteps.length,
  };
  const fit = (items: typeof all) => abortable(binding.computeParameters(items, training), options.signal);
  const steps = folds.length + 1;
  const judged: { size: number; before: Fit; after: Fit }[] = [];
  for (const [k, fold] of folds.entries()) {
    options.progress?.(k, steps);
    const test = fold.test.map((i) => all[i]!);
    const before = evaluateOrNaN(binding, current, test);
    if (Number.isNaN(before.logLoss)) continue;
    const after = evaluateOrNaN(binding, await fit(all.slice(0, fold.trainEnd)), test);
    if (!Number.isNaN(after.logLoss)) judged.push({ size: test.length, before, after });
  }
  if (judged.length === 0)
    return {
      ...base,
      ...kept,
      before: { logLoss: Number.NaN, rmseBins: Number.NaN },
      reason: `the optimizer could not judge a fit on your ${plural(fresh, 'later review')}: the weights in use stay`,
    };
  const before = pooled(judged.map((j) => ({ size: j.size, fit: j.before })));
  const after = pooled(judged.map((j) => ({ size: j.size, fit: j.after })));
  const better = after.logLoss < before.logLoss && after.rmseBins < before.rmseBins;
  // The weights adopted are fitted on the whole history, once the split has shown fitting helps.
  options.progress?.(steps - 1, steps);
  const weights = better ? adoptable(await fit(all)) : null;
  options.progress?.(steps, steps);
  options.signal?.throwIfAborted();
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

/** A fold of the split: fit on items [0, trainEnd), judge on the items `test` (indexes). */
interface Fold {
  trainEnd: number;
  test: number[];
}

/**
 * The folds judged (see SEGMENTS). A fold's test items are those whose last answer comes a day
 * or more after the one before: evaluation predicts that answer, and the optimizer refuses a
 * same-day step there. With `since` (when the weights in use were set) one fold: fitted on
 * everything before it, judged on everything after — the answers the weights in use never saw.
 */
function judgingFolds(set: TrainingSet, since: number | undefined): Fold[] {
  const n = set.items.length;
  const judgeable = (from: number, to: number) => {
    const test: number[] = [];
    for (let i = from; i < to; i++) if (lastDeltaT(set, set.items[i]) > 0) test.push(i);
    return test;
  };
  if (since !== undefined) {
    const first = set.items.findIndex((item) => item.at >= since);
    const trainEnd = first === -1 ? n : first;
    return [{ trainEnd, test: judgeable(trainEnd, n) }];
  }
  const segment = Math.floor(n / SEGMENTS);
  if (segment === 0) return [];
  const ks = n > LARGE_SET ? [SEGMENTS - 2] : Array.from({ length: SEGMENTS - 1 }, (_, k) => k);
  return ks.map((k) => {
    const trainEnd = (k + 1) * segment;
    return { trainEnd, test: judgeable(trainEnd, k === SEGMENTS - 2 ? n : (k + 2) * segment) };
  });
}

/** When the weights in force for `scope` were set (a deck's own, else the global ones), or undefined for FSRS's defaults. */
function weightsSetAt(grill: Grill, scope: string): number | undefined {
  if (grill.settings(scope).weights === null) return undefined;
  return grill.settingChangedAt('weights', scope) ?? grill.settingChangedAt('weights', '');
}

/**
 * Fitted weights as a setting takes them: the optimizer computes in 32-bit floats, so a weight at
 * a bound comes back just past it (0.8 as 0.800000011920929); each is rounded to 6 decimals and
 * kept within FSRS-6's bounds (WEIGHT_BOUNDS, the rule a synced setting is checked against).
 */
export function adoptable(weights: readonly number[]): number[] {
  return weights.map((w, i) => {
    const [lo, hi] = WEIGHT_BOUNDS[i] ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    return Math.min(hi, Math.max(lo, Math.round(w * 1e6) / 1e6));
  });
}

const lastDeltaT = (set: TrainingSet, item: TrainingItem | undefined) =>
  item ? (set.sequences[item.card]?.[item.length - 1]?.deltaT ?? 0) : 0;

/** The folds' measures pooled by their test sizes (log loss averaged, RMSE as the root of the mean square). */
function pooled(parts: { size: number; fit: Fit }[]): Fit {
  const total = parts.reduce((n, p) => n + p.size, 0);
  const mean = (f: (fit: Fit) => number) => parts.reduce((sum, p) => sum + f(p.fit) * p.size, 0) / total;
  return { logLoss: mean((f) => f.logLoss), rmseBins: Math.sqrt(mean((f) => f.rmseBins ** 2)) };
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
export function healthWarnings(grill: Grill, deck?: string): string[] {
  const r = grill.store.stats.reviewRatings(deck);
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

/**
 * The optimizer's items for the set, in its order. A card's answers are made once, shared by the
 * items holding them, and dropped once its items are made (the optimizer copies them), so only
 * one card's are alive at a time.
 */
function bindingItems(binding: Binding, set: TrainingSet) {
  const byCard: number[][] = set.sequences.map(() => []);
  for (const [i, item] of set.items.entries()) byCard[item.card]?.push(i);
  const all = new Array<InstanceType<Binding['FSRSBindingItem']>>(set.items.length);
  set.sequences.forEach((sequence, card) => {
    const reviews = sequence.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT));
    for (const i of byCard[card] ?? [])
      all[i] = new binding.FSRSBindingItem(reviews.slice(0, set.items[i]?.length ?? 0));
  });
  return all;
}
