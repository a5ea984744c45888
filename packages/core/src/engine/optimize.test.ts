import { createEmptyCard, default_w, fsrs, type Grade, generatorParameters } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyState, previewRatings } from '../scheduler/card-state.js';
import { DAY, deckText, grillWith, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { MIN_REVIEWS, optimize } from './optimize.js';

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
    // Again, now against the adopted weights: no better fit, so nothing changes.
    const again = await optimize(grill, now + 1000);
    expect(again.adopted).toBe(false);
    expect(again.reason).toMatch(/no better than the ones in use/);
  }, 120_000);

  it('keeps the defaults and says how many more answers are needed when the history is small', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 20) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const answers = learn(grill, 20, 30);
    const result = await optimize(grill, T0 + 31 * DAY);
    expect(result).toMatchObject({ adopted: false, after: null, weights: null, reviews: answers });
    expect(result.reason).toBe(
      `${answers} answers so far: ${MIN_REVIEWS - answers} more are needed before fitted weights can be trusted (the weights in use stay)`,
    );
    expect(grill.settings().weights).toBeNull();
  });
});

describe('grill optimize on a history with learning steps', () => {
  it('leaves out items of same-day steps alone and judges only items ending a day or more later: no crash, a verdict', async () => {
    const { grill } = grillWith({ 'd.md': deckText('d', 150) });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const truth = fsrs(
      generatorParameters({ w: TRUE_WEIGHTS, enable_short_term: false, enable_fuzz: false }),
    );
    const random = rng(11);
    let answers = 0;
    for (let c = 0; c < 150; c++) {
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
    expect(result.after).not.toBeNull();
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
