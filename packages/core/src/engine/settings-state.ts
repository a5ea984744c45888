import type { GrillEvent, SettingPayload } from '../scheduler/events.js';
import { SETTINGS_KEY } from '../scheduler/events.js';
import { resolveSettings, type Settings } from '../scheduler/settings.js';
import { compareHlc } from '../scheduler/settings-clock.js';
import { SettingsTimeline } from '../scheduler/timeline.js';
import type { Store } from '../store/store.js';

/**
 * The settings as the review log says they are: the current ones (last writer wins by clock
 * stamp, cached per deck) and the timeline of settings in force at each event.
 */
export class SettingsState {
  private cache: Map<string, Settings> | null = null;
  private timelineCache: SettingsTimeline | null = null;

  constructor(private readonly store: Store) {}

  /** Effective settings for a deck (global values with the deck's overrides), or global ones. */
  current(deckId = ''): Settings {
    this.cache ??= new Map();
    let settings = this.cache.get(deckId);
    if (!settings) {
      const scopes = this.store.settings.all();
      settings = resolveSettings(scopes.get('') ?? {}, deckId ? (scopes.get(deckId) ?? {}) : {});
      this.cache.set(deckId, settings);
    }
    return settings;
  }

  /** The settings in force over time, from the review log (see SettingsTimeline). */
  timeline(): SettingsTimeline {
    this.timelineCache ??= new SettingsTimeline(this.store.events.forCard(SETTINGS_KEY));
    return this.timelineCache;
  }

  /** Forgets the timeline: a settings change or reschedule was added to the log. */
  timelineChanged(): void {
    this.timelineCache = null;
  }

  /** The settings of a deck in force just before `event` (the current ones for an event after every change). */
  before(deckId: string, event: Pick<GrillEvent, 'at' | 'id'>): Settings {
    const timeline = this.timeline();
    return timeline.isBefore(event) ? this.current(deckId) : timeline.settingsBefore(deckId, event);
  }

  /** Last writer wins: applies a change to the current settings unless a newer one is already stored. */
  apply(change: SettingPayload): void {
    if (compareHlc(change.hlc, this.store.settings.hlc(change.scope, change.key)) <= 0) return;
    this.store.settings.set(change.scope, change.key, change.value, change.hlc);
    this.cache = null;
  }

  /** Re-derives the current settings from the settings changes in the review log. */
  rebuild(): void {
    this.store.transaction(() => {
      this.store.settings.clear();
      for (const event of this.store.events.forCard(SETTINGS_KEY))
        if (event.type === 'setting') this.apply(event.payload);
      this.cache = null;
      this.timelineCache = null;
    });
  }
}
