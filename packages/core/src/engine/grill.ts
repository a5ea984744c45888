import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { deckOf } from '../deck/card-key.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { applyEvent, type CardState, emptyState, foldEvents } from '../scheduler/card-state.js';
import { addDays, dayStart, isTimeZone, systemTimeZone } from '../scheduler/day.js';
import {
  type AnswerDetail,
  compareEvents,
  type GrillEvent,
  type Rating,
  SETTINGS_KEY,
  type SettingPayload,
  UNDOABLE_TYPES,
} from '../scheduler/events.js';
import { isSettingKey, resolveSettings, type Settings, unknownSetting } from '../scheduler/settings.js';
import { compareHlc, defaultHlc, nextHlc } from '../scheduler/settings-clock.js';
import { SettingsTimeline } from '../scheduler/timeline.js';
import type { CardRow } from '../store/cards-table.js';
import type { DeckRow } from '../store/decks-table.js';
import type { QuarantinedEvent } from '../store/quarantine-table.js';
import { Store } from '../store/store.js';
import { reviewPayload } from './review-payload.js';

function unknownCard(cardKey: string): NotFoundError {
  const hint = cardKey.includes('/') ? '' : ' (card keys look like deck-id/card-id)';
  return new NotFoundError('unknown-card', `unknown card "${cardKey}"${hint}`);
}

/** The millisecond timestamp a UUIDv7 carries in its first 48 bits. */
function uuidTime(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** The UUID after `id`: its random tail (last 12 hex digits) plus one. */
function successor(id: string): string {
  const tail = (BigInt(`0x${id.slice(-12)}`) + 1n).toString(16).padStart(12, '0');
  return id.slice(0, -12) + tail;
}

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

type EventInput = GrillEvent extends infer E
  ? E extends GrillEvent
    ? Omit<E, 'id' | 'deviceId' | 'at'>
    : never
  : never;

/**
 * The engine's front door: a grill database plus the operations on it. Every write is one
 * transaction; every answer is committed before the call returns.
 */
export class Grill {
  private settingsCache: Map<string, Settings> | null = null;
  private timelineCache: SettingsTimeline | null = null;
  /** The last event id made here (see newEventId). */
  private lastId: string | undefined;

  private constructor(
    /**
     * The database. Inside the engine only: the published types leave it out (stripInternal),
     * so commands, the UI and other packages go through the engine's methods.
     * @internal
     */
    readonly store: Store,
    readonly home: string,
    readonly deviceId: string,
  ) {}

  /**
   * Opens (creating if needed) the database in `home`. When this version derives card states
   * differently from the one that wrote them (see DERIVATION), every state is re-derived from the
   * review log once, first telling `onRederive` (a slow step on a large collection).
   */
  static open(home: string, opts: { onRederive?: () => void } = {}): Grill {
    const store = Store.open(path.join(home, 'grill.db'));
    let deviceId = store.meta.get('device_id');
    if (!deviceId) {
      deviceId = randomUUID();
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
    if (!this.settingsCache) this.settingsCache = new Map();
    let settings = this.settingsCache.get(deckId);
    if (!settings) {
      const scopes = this.store.settings.all();
      settings = resolveSettings(scopes.get('') ?? {}, deckId ? (scopes.get(deckId) ?? {}) : {});
      this.settingsCache.set(deckId, settings);
    }
    return settings;
  }

  /** The settings in force over time, from the review log (see SettingsTimeline). */
  timeline(): SettingsTimeline {
    this.timelineCache ??= new SettingsTimeline(this.store.events.forCard(SETTINGS_KEY));
    return this.timelineCache;
  }

  /**
   * Re-derives the due dates of every card in review (of one deck, if given) from the settings in
   * force now: recorded as an event, so every machine replays the same result. Returns how many
   * cards were re-derived.
   */
  reschedule(now: number, deckId = ''): number {
    if (deckId) this.requireDeck(deckId);
    const before = this.store.events.cardKeys().filter((k) => !deckId || deckOf(k) === deckId).length;
    this.record({ type: 'reschedule', cardKey: SETTINGS_KEY, payload: { scope: deckId } }, now);
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
      this.record({ type: 'setting', cardKey: SETTINGS_KEY, payload: { scope, key, value, hlc } }, now);
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
    this.checkCard(cardKey);
    if (![1, 2, 3, 4].includes(rating))
      throw new InvalidInputError('bad-rating', `bad rating "${rating}": use again, hard, good, easy or 1-4`);
    const payload = reviewPayload(rating, opts.durationMs, opts.detail);
    const event = this.record({ type: 'review', cardKey, payload }, now);
    // `clockBehind`: the clock read earlier than the card's last event, so the answer was
    // recorded at that event's time instead (see record); worth a warning.
    return { event, state: this.state(cardKey), clockBehind: event.at > now };
  }

  /** Hides a card until it is unsuspended. Returns the card's new state and the event recorded. */
  suspend(cardKey: string, now: number): CardState & { eventId: string } {
    this.checkCard(cardKey);
    const event = this.record({ type: 'suspend', cardKey, payload: {} }, now);
    return { ...this.state(cardKey), eventId: event.id };
  }

  unsuspend(cardKey: string, now: number): CardState {
    this.checkCard(cardKey);
    this.record({ type: 'unsuspend', cardKey, payload: {} }, now);
    return this.state(cardKey);
  }

  /** Hides a card until the next day starts. Returns the card's new state and the event recorded. */
  bury(cardKey: string, now: number): CardState & { eventId: string } {
    this.checkCard(cardKey);
    const { rolloverHour: rollover, timeZone: zone } = this.settings(deckOf(cardKey));
    const until = addDays(dayStart(now, rollover, zone), 1, rollover, zone);
    const event = this.record({ type: 'bury', cardKey, payload: { until } }, now);
    return { ...this.state(cardKey), eventId: event.id };
  }

  /** Every tag on an active card, with how many active cards carry it, by name. */
  tagCounts(): { tag: string; cards: number }[] {
    return this.store.cards.tagCounts();
  }

  /**
   * Cancels an answer (or suspend/bury), restoring the card's previous state exactly: the event
   * `eventId` when given (a drill session undoes exactly what it recorded, whatever another
   * process did meanwhile), else the last one made in this database (never one that arrived by
   * sync, even from a machine sharing this one's device id). Returns the cancelled event,
   * or null when there is nothing to undo (or `eventId` is unknown or already undone).
   */
  undo(now: number, eventId?: string): { undone: GrillEvent; state: CardState } | null {
    const target =
      eventId === undefined ? this.store.events.lastUndoable() : this.store.events.undoable(eventId);
    if (!target || !UNDOABLE_TYPES.includes(target.type)) return null;
    this.record({ type: 'undo', cardKey: target.cardKey, payload: { target: target.id } }, now);
    return { undone: target, state: this.state(target.cardKey) };
  }

  /**
   * Adds an event made here: committed with the card's re-derived state in one transaction.
   * An event about a card is a response to the state the user saw, so it is ordered after the
   * card's latest event: when the clock reads earlier than that event (a clock set back, a
   * GRILL_NOW in the past), it is recorded at that event's time, with a later id.
   */
  private record(input: EventInput, now: number): GrillEvent {
    return this.store.transaction(() => {
      const latest = input.type === 'setting' ? undefined : this.store.states.get(input.cardKey);
      const after =
        latest?.lastEventId && latest.lastEventAt !== null && latest.lastEventAt >= now
          ? { id: latest.lastEventId, at: latest.lastEventAt }
          : null;
      const at = after ? after.at : now;
      let id = this.newEventId(at);
      if (after && id <= after.id) id = successor(after.id);
      // Another process on this database (grill review in a second shell) may have taken the id
      // this one would use next in the same millisecond: then continue after everything stored.
      while (this.store.events.has(id)) {
        this.lastId = this.store.events.maxId();
        id = this.newEventId(at);
        if (after && id <= after.id) id = successor(after.id);
      }
      this.lastId = id > (this.lastId ?? '') ? id : this.lastId;
      const event = { ...input, id, at, deviceId: this.deviceId } as GrillEvent;
      this.ingest([event]);
      return event;
    });
  }

  /**
   * A UUIDv7 for `now` that sorts after every event already recorded in the same millisecond,
   * so events made here replay in the order they were made even when the clock stands still
   * (as it does under GRILL_NOW).
   */
  private newEventId(now: number): string {
    const id = uuidv7({ msecs: now });
    // The latest id is remembered after the first look (ingest forgets it when others' events arrive).
    const last = this.lastId === undefined ? this.store.events.maxId() : this.lastId;
    const next = last && id <= last && uuidTime(last) === now ? successor(last) : id;
    this.lastId = next;
    return next;
  }

  /**
   * Adds events (made here or pulled from elsewhere) and updates the derived state: by folding
   * the new event in when it is the card's latest, by replaying the card otherwise. Events
   * already present are skipped. Returns the keys of the cards whose state changed.
   */
  ingest(events: readonly GrillEvent[], synced = false): Set<string> {
    const touched = new Set<string>();
    const replay = new Set<string>();
    const folded = new Map<string, CardState>();
    if (synced) this.lastId = undefined;
    for (const event of events) {
      if (!this.store.events.insert(event, synced)) continue;
      if (event.type === 'setting' || event.type === 'reschedule') {
        // Settings look forward: only cards with events after this one fold differently (none,
        // for a change made here and now). A reschedule re-derives every card in its scope.
        this.timelineCache = null;
        if (event.type === 'setting') {
          this.applySetting(event.payload);
          if (this.timeline().shadowed(event)) continue;
        }
        // States folded earlier in this batch are not written yet: they count too.
        const affected =
          event.type === 'reschedule'
            ? this.store.events.cardKeys()
            : [
                ...this.store.states.keysWithEventsSince(event.at),
                ...[...folded.values()]
                  .filter((state) => (state.lastEventAt ?? 0) >= event.at)
                  .map((state) => state.cardKey),
              ];
        for (const key of affected) {
          if (event.payload.scope !== '' && deckOf(key) !== event.payload.scope) continue;
          replay.add(key);
          folded.delete(key);
          touched.add(key);
        }
        continue;
      }
      touched.add(event.cardKey);
      if (replay.has(event.cardKey)) continue;
      const state =
        folded.get(event.cardKey) ?? this.store.states.get(event.cardKey) ?? emptyState(event.cardKey);
      const last = state.lastEventId === null ? null : { id: state.lastEventId, at: state.lastEventAt ?? 0 };
      if (event.type === 'undo' || (last && compareEvents(event, last) < 0)) {
        replay.add(event.cardKey);
        folded.delete(event.cardKey);
        continue;
      }
      const { state: next, fact } = applyEvent(state, event, this.settingsAt(deckOf(event.cardKey), event));
      folded.set(event.cardKey, next);
      if (fact) this.store.reviews.insert(fact);
    }
    // Each card's state is written once per batch, however many of its events the batch held.
    for (const state of folded.values()) this.store.states.put(state);
    for (const key of replay) this.rebuild(key);
    return touched;
  }

  /** The settings of a deck in force just before `event` (the current ones for an event after every change). */
  private settingsAt(deckId: string, event: Pick<GrillEvent, 'at' | 'id'>): Settings {
    const timeline = this.timeline();
    return timeline.isBefore(event) ? this.settings(deckId) : timeline.settingsBefore(deckId, event);
  }

  /** Last writer wins: applies a settings change to the current settings unless a newer one is already stored. */
  private applySetting(change: SettingPayload): void {
    if (compareHlc(change.hlc, this.store.settings.hlc(change.scope, change.key)) <= 0) return;
    this.store.settings.set(change.scope, change.key, change.value, change.hlc);
    this.settingsCache = null;
  }

  /** Re-derives the current settings from the settings changes in the review log (last writer wins). */
  rebuildSettings(): void {
    this.store.transaction(() => {
      this.store.settings.clear();
      for (const event of this.store.events.forCard(SETTINGS_KEY))
        if (event.type === 'setting') this.applySetting(event.payload);
      this.settingsCache = null;
      this.timelineCache = null;
    });
  }

  /** Re-derives one card's state and review facts from its events. */
  rebuild(cardKey: string): CardState | null {
    return this.store.transaction(() => this.replace(cardKey, this.store.events.forCard(cardKey)));
  }

  /** Re-derives every card's state (of one deck, if given) from the review log. */
  rebuildAll(deckId?: string): number {
    const keys = this.store.events.cardKeys().filter((k) => deckId === undefined || deckOf(k) === deckId);
    this.store.transaction(() => {
      if (deckId !== undefined) {
        for (const key of keys) this.replace(key, this.store.events.forCard(key));
        return;
      }
      // Everything: clear the caches once and refill them with their indexes set aside, which
      // is several times faster than replacing card by card.
      this.store.clearDerived(() => {
        for (const key of keys) this.fill(key, this.store.events.forCard(key));
      });
    });
    this.store.checkpoint();
    return keys.length;
  }

  /** Replaces a card's cached state and facts with a fold of `events` (no state if none is in effect). */
  private replace(cardKey: string, events: readonly GrillEvent[]): CardState | null {
    this.store.reviews.deleteForCard(cardKey);
    this.store.states.delete(cardKey);
    return this.fill(cardKey, events);
  }

  /** Writes the fold of `events` as the card's state and facts (none if no event is in effect). */
  private fill(cardKey: string, events: readonly GrillEvent[]): CardState | null {
    const { state, facts } = foldEvents(cardKey, events, this.timeline());
    if (state.lastEventId === null) return null;
    this.store.states.put(state);
    for (const fact of facts) this.store.reviews.insert(fact);
    return state;
  }

  // ── reads for commands and the UI ─────────────────────────────────────────

  /** Every event of the review log, in the order recorded here (undone ones and undos included). */
  reviewLog(): GrillEvent[] {
    return [...this.store.events.iterateRaw()].map((r) => r.event);
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
  decks(): DeckRow[] {
    return this.store.decks.all();
  }

  /** The deck with this id, or undefined. */
  deck(id: string): DeckRow | undefined {
    return this.store.decks.get(id);
  }

  /** The deck with this id, or a NotFoundError (`unknown-deck`) that says where to look. */
  requireDeck(id: string): DeckRow {
    const deck = this.store.decks.get(id);
    if (!deck) throw new NotFoundError('unknown-deck', `unknown deck "${id}" (see grill decks)`);
    return deck;
  }

  /** The card with this key (retired ones too), or undefined. */
  card(cardKey: string): CardRow | undefined {
    return this.store.cards.get(cardKey);
  }

  /** Every tag on an active card, sorted. */
  tags(): string[] {
    return this.store.cards.tags();
  }

  /** Nothing, or a NotFoundError (`unknown-tag`) when no active card carries `tag` (a filter that can never match). */
  requireTag(tag: string): void {
    if (!this.store.cards.tags().includes(tag))
      throw new NotFoundError('unknown-tag', `unknown tag "${tag}" (no card has it)`);
  }

  /** Active cards per deck and kind. */
  cardCounts(): { deckId: string; kind: string; n: number }[] {
    return this.store.cards.counts();
  }

  /** The active cards carrying a tag (their deck's tags included). */
  cardsWithTag(tag: string): CardRow[] {
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

  /** Like requireCard without loading the card's content (the answer path needs only this). */
  private checkCard(cardKey: string): void {
    if (!this.store.cards.isActive(cardKey)) throw unknownCard(cardKey);
  }
}
