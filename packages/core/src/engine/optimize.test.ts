import { createEmptyCard, default_w, fsrs, type Grade, generatorParameters } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyState, previewRatings } from '../scheduler/card-state.js';
import { isValidSettingValue } from '../scheduler/setting-values.js';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { adoptable, MIN_FRESH_REVIEWS, MIN_REVIEWS, optimize } from './optimize.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

/**
 * A learner whose memory follows these FSRS-6 weights, far from FSRS's defaults: initial
 * stabilities 4×, stability growing faster on success (w8), and forgetting with a steeper curve (w20).
 */
const TRUE_WEIGHTS = default_w.map((w, i) => (i < 4 ? w * 4 : i === 8 ? w * 1.5 : i === 20 ? 0.5 : w));

/** A seeded generator (mulberry32), so the history is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `cards` cards, one new a day, each answered when it falls due under the true weights (at 0.9
 * retention), recalled with the true model's probability: Good when recalled, else Again.
 */
function learn(grill: Grill, cards: number, days: number): number {
  const truth = fsrs(generatorParameters({ w: TRUE_WEIGHTS, enable_short_term: false, enable_fuzz: false }));
  const random = rng(7);
  let answers = 0;
  for (let c = 0; c < cards; c++) {
    let at = new Date(T0 + Math.floor(c / 2) * DAY);
    let card = createEmptyCard(at);
    while (at.getTime() < T0 + days * DAY) {
      const recalled = card.reps === 0 || random() < (truth.get_retrievability(card, at, false) as number);
      const rating: Grade = recalled ? 3 : 1;
      grill.answer(`d/c${c + 1}`, rating, at.getTime());
      answers++;
      card = truth.next(card, at, rating).card;
      at = new Date(Math.max(card.due.getTime(), at.getTime() + DAY));
    }
  }
  return answers;
}

describe('grill optimize', () => {
  it('fits weights that beat the defaults on held-out reviews, and adopts them as a setting', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 300) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const answers = learn(grill, 300, 300);
    expect(answers).toBeGreaterThan(MIN_REVIEWS);
    const now = T0 + 301 * DAY;
    const dry = await optimize(grill, now, { dryRun: true });
    expect(dry).toMatchObject({ reviews: answers, adopted: false });
    expect(dry.after?.logLoss).toBeLessThan(dry.before.logLoss);
    expect(dry.reason).toMatch(/predict your answers better .*, but this is a dry run: nothing changed$/);
    expect(grill.settings().weights).toBeNull();
    const result = await optimize(grill, now);
    expect(result.adopted).toBe(true);
    expect(result.weights).toHaveLength(21);
    expect(grill.settings().weights).toEqual(result.weights);
    // The adopted weights schedule: Easy on a new card graduates to the fitted initial stability.
    const easy = (weights: number[] | null) =>
      previewRatings(emptyState('d/new'), now, { ...grill.settings(), weights })[4] - now;
    expect(easy(result.weights)).toBeGreaterThan(easy(null));
    // The fit moved toward the learner's real initial stabilities (4× the defaults).
    expect((result.weights?.[2] ?? 0) / (default_w[2] ?? 1)).toBeGreaterThan(1.5);
    // Again right away: the adopted weights were fitted on this whole history, so only reviews
    // given since can judge new ones fairly against them — none yet.
    const again = await optimize(grill, now + 1000);
    expect(again).toMatchObject({ adopted: false, weights: null });
    expect(again.reason).toBe(
      `the weights in use were set on ${new Date(now).toISOString().slice(0, 10)}, from your history until then: ${MIN_FRESH_REVIEWS} more reviews a day or more apart since then are needed to judge new weights fairly against them (the weights in use stay)`,
    );
    // Every adopted weight is within the bounds a synced setting is checked against.
    expect(isValidSettingValue('weights', result.weights)).toBe(true);
  }, 120_000);

  it('keeps the defaults and says how many more answers are needed when the history is small', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 20) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const answers = learn(grill, 20, 30);
    const result = await optimize(grill, T0 + 31 * DAY);
    expect(result).toMatchObject({ adopted: false, after: null, weights: null, reviews: answers });
    const long = result.longTermReviews;
    expect(long).toBe(answers - 20); // every answer but each card's first is a day or more after the one before
    expect(result.reason).toBe(
      `${long} reviews a day or more after the one before so far (same-day steps do not count): ${MIN_REVIEWS - long} more are needed before fitted weights can be trusted (the weights in use stay)`,
    );
    expect(grill.settings().weights).toBeNull();
  });
});

describe('grill optimize on a history with learning steps', () => {
  it('leaves out items of same-day steps alone and judges only items ending a day or more later: no crash, a verdict', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 220) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const truth = fsrs(
      generatorParameters({ w: TRUE_WEIGHTS, enable_short_term: false, enable_fuzz: false }),
    );
    const random = rng(11);
    let answers = 0;
    for (let c = 0; c < 220; c++) {
      const key = `d/c${c + 1}`;
      let at = new Date(T0 + Math.floor(c / 2) * DAY);
      let card = createEmptyCard(at);
      // A new card: Good, then Good again ten minutes later (the learning step), the same day.
      grill.answer(key, 3, at.getTime());
      grill.answer(key, 3, at.getTime() + 10 * 60_000);
      answers += 2;
      card = truth.next(card, at, 3).card;
      at = new Date(Math.max(card.due.getTime(), at.getTime() + DAY));
      while (at.getTime() < T0 + 200 * DAY) {
        const recalled = random() < (truth.get_retrievability(card, at, false) as number);
        grill.answer(key, recalled ? 3 : 1, at.getTime());
        answers++;
        if (!recalled) {
          // A lapse: the relearning step, ten minutes later, the same day.
          grill.answer(key, 3, at.getTime() + 10 * 60_000);
          answers++;
        }
        card = truth.next(card, at, recalled ? 3 : 1).card;
        at = new Date(Math.max(card.due.getTime(), at.getTime() + DAY));
      }
    }
    expect(answers).toBeGreaterThan(MIN_REVIEWS);
    const result = await optimize(grill, T0 + 201 * DAY, { dryRun: true });
    expect(result.reviews).toBe(answers);
    expect(result.after, result.reason).not.toBeNull();
    expect(Number.isFinite(result.before.logLoss)).toBe(true);
  }, 60_000);
});

describe('the optimizer health check', () => {
  it('warns when Hard is pressed often on cards in review and Again almost never (Hard used as a fail)', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 120) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    // Each card learned, then reviewed twice: every third review Hard, none Again.
    for (let c = 1; c <= 120; c++) {
      grill.answer(`d/c${c}`, 4, T0);
      grill.answer(`d/c${c}`, c % 3 === 0 ? 2 : 3, T0 + 20 * DAY);
    }
    const { warnings } = await optimize(grill, T0 + 40 * DAY, { dryRun: true });
    expect(warnings).toEqual([
      'Hard is 33% of your answers on cards in review and Again only 0%: if you press Hard when you forgot, the fit learns you remembered. Again means forgot; Hard means recalled with effort.',
    ]);
    grill.answer('d/c1', 1, T0 + 41 * DAY);
    for (let c = 2; c <= 12; c++) grill.answer(`d/c${c}`, 1, T0 + 41 * DAY);
    expect((await optimize(grill, T0 + 42 * DAY, { dryRun: true })).warnings).toEqual([]);
  });
});

describe('what grill optimize will not adopt from', () => {
  it('counts only reviews a day or more apart: 500 answers of which 100 are is too little', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 100) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    for (let c = 1; c <= 100; c++) {
      for (let i = 0; i < 4; i++) grill.answer(`d/c${c}`, 3, T0 + i * 60_000);
      grill.answer(`d/c${c}`, 3, T0 + 2 * DAY);
    }
    const result = await optimize(grill, T0 + 3 * DAY);
    expect(result).toMatchObject({ reviews: 500, longTermReviews: 100, adopted: false, weights: null });
    expect(result.reason).toMatch(
      /^100 reviews a day or more after the one before so far .*: 300 more are needed/,
    );
  });

  it('refuses to fit with the clock behind the last answer: weights set then would re-derive answers given later', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 1) });
    open.push(grill);
    grill.answer('d/c1', 3, T0 + DAY);
    await expect(optimize(grill, T0)).rejects.toThrow(
      `the clock reads ${new Date(T0).toISOString()}, before your last answer (${new Date(T0 + DAY).toISOString()})`,
    );
    expect(grill.settings().weights).toBeNull();
    // A dry run sets nothing: it may compare.
    await expect(optimize(grill, T0, { dryRun: true })).resolves.toMatchObject({ adopted: false });
  });

  it('takes fitted weights into FSRS-6 bounds: 32-bit values just past a bound come back onto it', () => {
    const fitted = [...default_w];
    fitted[9] = 0.800000011920929; // the optimizer's float32 for w9's upper bound, 0.8
    fitted[19] = 0.009999999776482582; // w19's lower bound, 0.01
    fitted[20] = 0.800000011920929;
    fitted[4] = 6.123456789;
    expect(isValidSettingValue('weights', fitted)).toBe(false);
    const kept = adoptable(fitted);
    expect(isValidSettingValue('weights', kept)).toBe(true);
    expect([kept[9], kept[19], kept[20], kept[4]]).toEqual([0.8, 0.01, 0.8, 6.123457]);
  });
});
