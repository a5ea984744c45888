// The engine's façade: every command the UI and CLI may call, each a few lines delegating to the
// modules that do the work (projection.ts replays, recorder.ts records, settings-state.ts resolves
// settings, the store's tables read). Longer than most files because it is the one list of them.
import path from 'node:path';
import { deckOf } from '../deck/card-key.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { nodeCrypto } from '../node-crypto.js';
import { type CardState, emptyState } from '../scheduler/card-state.js';
import { addDays, dayStart, isTimeZone, systemTimeZone } from '../scheduler/day.js';
import {
  type AnswerDetail,
  type GrillEvent,
  type Rating,
  SETTINGS_KEY,
  UNDOABLE_TYPES,
} from '../scheduler/events.js';
import { isSettingKey, type Settings, unknownSetting } from '../scheduler/settings.js';
import { defaultHlc, nextHlc } from '../scheduler/settings-clock.js';
import type { SettingsTimeline } from '../scheduler/timeline.js';
import { Store } from '../store/store.js';
import { Projection } from './projection.js';
import { Recorder, unknownCard } from './recorder.js';
import type { CardRecord, DeckRecord, QuarantinedEvent } from './records.js';
import { reviewPayload } from './review-payload.js';
import { SettingsState } from './settings-state.js';

/**
 * The version of how card states are derived from the review log. Bumped when a release changes
 * the result of replaying the same events, so existing collections are re-derived once on open:
 * 1, the first release; 2, the fuzz seeded from the card key and its answer count (not the time
 * of the answer), so the interval previewed is the interval given; the four ratings of a
 * learning or relearning card kept strictly ordered in days; elapsed days counted in grill's
 * days (the collection's time zone, rollover-aware) rather than UTC dates; each answer folded with
 * the settings in force when it was given (not the current ones).
 */
export const DERIVATION = '2';

/**
 * The engine's front door: a grill database plus the operations on it. Every write is one
 * transaction; every answer is committed before the call returns.
 */
export class Grill {
  private readonly settingsState: SettingsState;
  private readonly projection: Projection;
  private readonly recorder: Recorder;

  private constructor(
    /**
     * The database. Inside the engine only: the published types leave it out (stripInternal),
     * so commands, the UI and other packages go through the engine's methods.
     * @internal
     */
    readonly store: Store,
    readonly home: string,
    readonly deviceId: string,
  ) {
    this.settingsState = new SettingsState(store);
    this.projection = new Projection(store, this.settingsState);
    this.recorder = new Recorder(store, this.projection, deviceId);
  }

  /**
   * Opens (creating if needed) the database in `home`. When this version derives card states
   * differently from the one that wrote them (see DERIVATION), every state is re-derived from the
   * review log once, first telling `onRederive` (a slow step on a large collection).
   */
  static open(home: string, opts: { onRederive?: () => void } = {}): Grill {
    const store = Store.open(path.join(home, 'grill.db'));
    let deviceId = store.meta.get('device_id');
    if (!deviceId) {
      deviceId = nodeCrypto().randomUUID();
      store.meta.set('device_id', deviceId);
    }
    const grill = new Grill(store, home, deviceId);
    if (store.meta.get('derivation') !== DERIVATION) {
      if (store.events.count() > 0) {
        opts.onRederive?.();
        grill.rebuildAll();
      }
      store.meta.set('derivation', DERIVATION);
    }
    return grill;
  }

  close(): void {
    this.store.close();
  }

  // ── settings ──────────────────────────────────────────────────────────────

  /** Effective settings for a deck (global values with the deck's overrides), or global ones. */
  settings(deckId = ''): Settings {
    return this.settingsState.current(deckId);
  }

  /** The settings in force over time, from the review log (see SettingsTimeline). */
  timeline(): SettingsTimeline {
    return this.settingsState.timeline();
  }

  /**
   * Re-derives the due dates of every card in review (of one deck, if given) from the settings in
   * force now: recorded as an event, so every machine replays the same result. Returns how many
   * cards were re-derived.
   */
  reschedule(now: number, deckId = ''): number {
    if (deckId) this.requireDeck(deckId);
    const before = this.store.events.cardKeys().filter((k) => !deckId || deckOf(k) === deckId).length;
    this.recorder.record({ type: 'reschedule', cardKey: SETTINGS_KEY, payload: { scope: deckId } }, now);
    return before;
  }

  /** Stored overrides for a scope ('' = global). */
  overrides(deckId = ''): Record<string, unknown> {
    return this.store.settings.scope(deckId);
  }

  /**
   * Sets a setting (globally or for one deck) and re-derives the states it affects. `value` is
   * a valid value for the key, as `parseSettingValue` returns it. The change is an event, so it
   * syncs; settings merge last-writer-wins by their clock stamp. Returns the override in force
   * afterwards (null: none).
   */
  setSetting(key: string, value: unknown, now: number, deckId = ''): unknown {
    if (!isSettingKey(key)) throw unknownSetting(key);
    if (deckId && key === 'time-zone')
      throw new InvalidInputError(
        'global-setting',
        'time-zone is set for the whole collection, not per deck',
      );
    if (deckId) this.requireDeck(deckId);
    this.recordSetting(deckId, key, value, now);
    // Normally the value just set; a change stamped later (by another machine) keeps winning.
    return this.overrides(deckId)[key] ?? null;
  }

  /**
   * Makes `zone` (by default this machine's) the collection's time zone if it has none yet: a
   * new collection, or one from before the time zone was a setting. Recorded as a settings
   * change, so it syncs and every machine counts the same days.
   */
  ensureTimeZone(now: number, zone?: string): void {
    if (Object.hasOwn(this.overrides(''), 'time-zone')) return;
    const createdAt = Math.min(now, this.store.events.firstAt() ?? now);
    // Asked only here: the platform's zone costs a first Intl lookup of tens of milliseconds.
    // A platform that names its zone oddly (no IANA data, `TZ=:/etc/localtime`) gets UTC days.
    const chosen = zone ?? systemTimeZone();
    const valid = isTimeZone(chosen) ? chosen : 'UTC';
    this.recordSetting('', 'time-zone', valid, now, defaultHlc(createdAt, this.deviceId));
  }

  /** Removes an override (back to the global value or the default). False if it was not set. */
  unsetSetting(key: string, now: number, deckId = ''): boolean {
    if (!isSettingKey(key)) throw unknownSetting(key);
    if (!Object.hasOwn(this.overrides(deckId), key)) return false;
    this.recordSetting(deckId, key, null, now);
    return true;
  }

  private recordSetting(scope: string, key: string, value: unknown, now: number, stamp?: string): void {
    this.store.transaction(() => {
      const hlc = stamp ?? nextHlc(this.store.settings.maxHlc(), now, this.deviceId);
      this.recorder.record(
        { type: 'setting', cardKey: SETTINGS_KEY, payload: { scope, key, value, hlc } },
        now,
      );
    });
  }

  // ── the review log ────────────────────────────────────────────────────────

  /** The current derived state of a card (an empty one for a card never touched). */
  state(cardKey: string): CardState {
    return this.store.states.get(cardKey) ?? emptyState(cardKey);
  }

  /** Records an answer. Returns the event and the card's new state. */
  answer(
    cardKey: string,
    rating: Rating,
    now: number,
    opts: { durationMs?: number; detail?: AnswerDetail } = {},
  ) {
    const { event, state } = this.recorder.recordForCard(cardKey, now, () => {
      if (![1, 2, 3, 4].includes(rating))
        throw new InvalidInputError(
          'bad-rating',
          `bad rating "${rating}": use again, hard, good, easy or 1-4`,
        );
      return { type: 'review', cardKey, payload: reviewPayload(rating, opts.durationMs, opts.detail) };
    });
    // `clockBehind`: the clock read earlier than the card's last event, so the answer was
    // recorded at that event's time instead (see Recorder); worth a warning.
    return { event, state, clockBehind: event.at > now };
  }

  /** Hides a card until it is unsuspended. Returns the card's new state and the event recorded. */
  suspend(cardKey: string, now: number): CardState & { eventId: string } {
    const { event, state } = this.recorder.recordForCard(cardKey, now, () => ({
      type: 'suspend',
      cardKey,
      payload: {},
    }));
    return { ...state, eventId: event.id };
  }

  unsuspend(cardKey: string, now: number): CardState {
    return this.recorder.recordForCard(cardKey, now, () => ({ type: 'unsuspend', cardKey, payload: {} }))
      .state;
  }

  /** Hides a card until the next day starts. Returns the card's new state and the event recorded. */
  bury(cardKey: string, now: number): CardState & { eventId: string } {
    const { event, state } = this.recorder.recordForCard(cardKey, now, () => {
      const { rolloverHour: rollover, timeZone: zone } = this.settings(deckOf(cardKey));
      const until = addDays(dayStart(now, rollover, zone), 1, rollover, zone);
      return { type: 'bury', cardKey, payload: { until } };
    });
    return { ...state, eventId: event.id };
  }

  /** When setting `key` was last changed for `deckId` ('' global), or undefined if never (ms). */
  settingChangedAt(key: string, deckId = ''): number | undefined {
    return this.store.events.settingChangedAt(SETTINGS_KEY, key, deckId);
  }

  /** Every tag on an active card, with how many active cards carry it, by name. */
  tagCounts(): { tag: string; cards: number }[] {
    return this.store.cards.tagCounts();
  }

  /**
   * Cancels an answer (or suspend/bury), restoring the card's previous state exactly: the event
   * `eventId` when given (a drill session undoes exactly what it recorded, whatever another
   * process did meanwhile), else the last one made in this database (never one that arrived by
   * sync, even from a machine sharing this one's device id) — unless a settings change or
   * reschedule came after it (InvalidInputError `not-undoable`: undo would reach past it). Returns
   * the cancelled event, or null when there is nothing to undo (or `eventId` is unknown or already undone).
   */
  undo(now: number, eventId?: string): { undone: GrillEvent; state: CardState } | null {
    const target =
      eventId === undefined ? this.store.events.lastUndoable() : this.store.events.undoable(eventId);
    if (target && eventId === undefined) {
      // Never past a later change undo cannot take back: that would cancel an older answer instead.
      const last = this.store.events.lastChange();
      if (last && !UNDOABLE_TYPES.includes(last.type))
        throw new InvalidInputError(
          'not-undoable',
          `the last change made here was ${last.type === 'reschedule' ? 'a reschedule' : 'a settings change'}, which undo cannot take back (nothing undone)`,
        );
    }
    if (!target || !UNDOABLE_TYPES.includes(target.type)) return null;
    this.recorder.record({ type: 'undo', cardKey: target.cardKey, payload: { target: target.id } }, now);
    return { undone: target, state: this.state(target.cardKey) };
  }

  /**
   * Adds events (made here or pulled from elsewhere) and updates the derived state: by folding
   * the new event in when it is the card's latest, by replaying the card otherwise, all in one
   * transaction. Events already present are skipped. `synced`: they came from the sync server
   * (acknowledged there, not undoable here). Returns the keys of the cards whose state changed.
   */
  ingest(events: readonly GrillEvent[], synced = false): Set<string> {
    if (synced) this.recorder.forgetIds();
    return this.store.transaction(() => this.projection.ingest(events, synced));
  }

  /** Re-derives the current settings from the settings changes in the review log (last writer wins). */
  rebuildSettings(): void {
    this.settingsState.rebuild();
  }

  /** Re-derives one card's state and review facts from its events. */
  rebuild(cardKey: string): CardState | null {
    return this.projection.rebuild(cardKey);
  }

  /** Re-derives every card's state (of one deck, if given) from the review log. */
  rebuildAll(deckId?: string): number {
    return this.projection.rebuildAll(deckId);
  }

  // ── reads for commands and the UI ─────────────────────────────────────────

  /** Every event of the review log, in the order recorded here (undone ones and undos included). */
  reviewLog(): GrillEvent[] {
    return [...this.store.events.iterate()];
  }

  /** How many events the review log holds. */
  eventCount(): number {
    return this.store.events.count();
  }

  /** Invalid events kept aside, never applied (see grill doctor), oldest first. */
  quarantined(): QuarantinedEvent[] {
    return this.store.quarantine.list();
  }

  /** Every deck, by id. */
  decks(): DeckRecord[] {
    return this.store.decks.all();
  }

  /** The deck with this id, or undefined. */
  deck(id: string): DeckRecord | undefined {
    return this.store.decks.get(id);
  }

  /** The deck with this id, or a NotFoundError (`unknown-deck`) that says where to look. */
  requireDeck(id: string): DeckRecord {
    const deck = this.store.decks.get(id);
    if (!deck) throw new NotFoundError('unknown-deck', `unknown deck "${id}" (see grill decks)`);
    return deck;
  }

  /** The card with this key (retired ones too), or undefined. */
  card(cardKey: string): CardRecord | undefined {
    return this.store.cards.get(cardKey);
  }

  /** Every tag on an active card, sorted. */
  tags(): string[] {
    return this.store.cards.tags();
  }

  /** Nothing, or a NotFoundError (`unknown-tag`) when no active card carries `tag` (a filter that can never match). */
  requireTag(tag: string): void {
    const tags = this.store.cards.tags();
    if (tags.includes(tag)) return;
    // The tag as typed in another case, or a plural or singular of it (databases, database).
    const folded = tag.toLowerCase();
    const near = tags.find((t) => [folded, `${folded}s`, folded.replace(/e?s$/, '')].includes(t));
    throw new NotFoundError(
      'unknown-tag',
      `unknown tag "${tag}" (${near ? `did you mean ${near}?` : 'no card has it'})`,
    );
  }

  /** Active cards per deck and kind. */
  cardCounts(): { deckId: string; kind: string; n: number }[] {
    return this.store.cards.counts();
  }

  /** The active cards carrying a tag (their deck's tags included). */
  cardsWithTag(tag: string): CardRecord[] {
    return [...this.store.cards.keysWithTag(tag)].flatMap((key) => this.store.cards.get(key) ?? []);
  }

  /** Moves what the write-ahead log holds into the database file (PASSIVE: without waiting for readers). */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE'): void {
    this.store.checkpoint(mode);
  }

  /** A consistent copy of the database at `file` (SQLite's online backup), safe while in use. */
  backup(file: string): Promise<void> {
    return this.store.backup(file);
  }

  /** The card, or a clear error when there is no active card with this key. */
  requireCard(cardKey: string) {
    const card = this.store.cards.get(cardKey);
    if (!card || card.retired) throw unknownCard(cardKey);
    return card;
  }
}
