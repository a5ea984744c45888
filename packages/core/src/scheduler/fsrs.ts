import {
  type AbstractScheduler,
  type FSRS,
  fsrs,
  generatorParameters,
  type StepUnit,
  StrategyMode,
} from 'ts-fsrs';
import type { Settings } from './settings.js';

const cache = new Map<string, FSRS>();
/** The same, by settings object: a replay asks again for every answer with the same few objects. */
const bySettings = new WeakMap<Settings, FSRS>();

/** The field of a ts-fsrs card that carries grill's card key (see toFsrsCard), for the fuzz seed. */
export const CARD_KEY_FIELD = 'grill_card_key';

/**
 * The fuzz seed: the card's key and how many times it has been answered. ts-fsrs's default seeds
 * from the review time in milliseconds, so an interval previewed a few seconds before the answer
 * came out different from the one given; this seed depends only on what the events determine, so
 * the preview is the result and every machine replays the same schedule.
 */
export function seedFromCard(this: AbstractScheduler): string {
  return `${String(Reflect.get(this.current, CARD_KEY_FIELD) ?? '')}#${this.current.reps}`;
}

/** A ts-fsrs scheduler for these settings (fuzz and short-term steps on). Cached: they are pure. */
export function schedulerFor(settings: Settings): FSRS {
  const known = bySettings.get(settings);
  if (known) return known;
  const key = `${settings.retention}|${settings.maxInterval}|${settings.learningSteps.join(',')}|${settings.relearningSteps.join(',')}|${settings.weights?.join(',') ?? ''}`;
  let scheduler = cache.get(key);
  if (!scheduler) {
    scheduler = fsrs(
      generatorParameters({
        request_retention: settings.retention,
        maximum_interval: settings.maxInterval,
        enable_fuzz: true,
        enable_short_term: true,
        learning_steps: settings.learningSteps as StepUnit[],
        relearning_steps: settings.relearningSteps as StepUnit[],
        ...(settings.weights ? { w: settings.weights } : {}),
      }),
    ).useStrategy(StrategyMode.SEED, seedFromCard);
    cache.set(key, scheduler);
  }
  bySettings.set(settings, scheduler);
  return scheduler;
}
