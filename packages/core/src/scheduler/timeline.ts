import { compareEvents, type GrillEvent, type ReplayEvent } from './events.js';
import { resolveSettings, type Settings } from './settings.js';
import { compareHlc } from './settings-clock.js';

/** The collection-wide events: settings changes and reschedules. */
export type TimelineEvent = Extract<GrillEvent, { type: 'setting' | 'reschedule' }>;

/**
 * The settings in force over time, from the review log's settings changes. Settings look
 * forward: an answer is folded with the settings in force when it was given, so a change
 * governs the answers after it and never rewrites the past; re-deriving the past is the
 * explicit `reschedule` event, which stands in this timeline too. Changes apply in replay order
 * (time, id); of two changes to one setting, the one with the later clock stamp (hlc) wins, as in
 * the settings table, so the timeline ends where the table stands. Pure.
 */
export class SettingsTimeline {
  private readonly events: readonly TimelineEvent[];

  constructor(events: readonly GrillEvent[]) {
    this.events = events
      .filter((e): e is TimelineEvent => e.type === 'setting' || e.type === 'reschedule')
      .sort(compareEvents);
  }

  /** True when there is no settings change at all (everything folds with the defaults). */
  get empty(): boolean {
    return this.events.length === 0;
  }

  /** True when every change in the timeline comes before `event` (it folds with the current settings). */
  isBefore(event: Pick<GrillEvent, 'at' | 'id'>): boolean {
    const last = this.events[this.events.length - 1];
    return !last || compareEvents(last, event) < 0;
  }

  /**
   * True when a settings change can never take effect: an earlier change to the same setting
   * carries a later clock stamp, so it wins from before this one on (a default a joining machine
   * recorded, say). Folding with or without it gives the same result.
   */
  shadowed(change: Extract<TimelineEvent, { type: 'setting' }>): boolean {
    const { scope, key, hlc } = change.payload;
    return this.events.some(
      (e) =>
        e.type === 'setting' &&
        e.payload.scope === scope &&
        e.payload.key === key &&
        compareHlc(e.payload.hlc, hlc) > 0 &&
        compareEvents(e, change) < 0,
    );
  }

  /** The timeline's events that concern deck `deckId` (global ones and the deck's own), in order. */
  forDeck(deckId: string): TimelineEvent[] {
    return this.events.filter((e) => e.payload.scope === '' || e.payload.scope === deckId);
  }

  /** The settings of deck `deckId` in force just before `event` (by replay order). */
  settingsBefore(deckId: string, event: Pick<GrillEvent, 'at' | 'id'>): Settings {
    const layers = new SettingsLayers(deckId);
    for (const e of this.events) {
      if (compareEvents(e, event) >= 0) break;
      layers.apply(e);
    }
    return layers.settings();
  }
}

/** The global and one deck's overrides as a fold passes settings changes (LWW by hlc per key). */
export class SettingsLayers {
  private readonly values = { global: new Map<string, unknown>(), deck: new Map<string, unknown>() };
  private readonly stamps = new Map<string, string>();
  private cached: Settings | null = null;

  constructor(private readonly deckId: string) {}

  /** Takes a settings change into account (reschedules and other decks' changes are ignored). */
  apply(event: Extract<ReplayEvent, { type: 'setting' | 'reschedule' }>): void {
    if (event.type !== 'setting') return;
    const { scope, key, value, hlc } = event.payload;
    if (scope !== '' && scope !== this.deckId) return;
    const id = `${scope}\u0000${key}`;
    if (compareHlc(this.stamps.get(id) ?? '', hlc) >= 0) return;
    this.stamps.set(id, hlc);
    const layer = scope === '' ? this.values.global : this.values.deck;
    if (value === null) layer.delete(key);
    else layer.set(key, value);
    this.cached = null;
  }

  settings(): Settings {
    this.cached ??= resolveSettings(
      Object.fromEntries(this.values.global),
      Object.fromEntries(this.values.deck),
    );
    return this.cached;
  }
}
