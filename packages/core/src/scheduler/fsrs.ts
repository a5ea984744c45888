import { type FSRS, fsrs, generatorParameters, type StepUnit } from 'ts-fsrs';
import type { Settings } from './settings.js';

const cache = new Map<string, FSRS>();

/** A ts-fsrs scheduler for these settings (fuzz and short-term steps on). Cached: they are pure. */
export function schedulerFor(settings: Settings): FSRS {
  const key = `${settings.retention}|${settings.maxInterval}|${settings.learningSteps.join(',')}|${settings.relearningSteps.join(',')}`;
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
      }),
    );
    cache.set(key, scheduler);
  }
  return scheduler;
}
