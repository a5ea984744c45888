import { deckOf } from '../deck/card-key.js';
import { applyEvent, type CardState, emptyState, foldEvents } from '../scheduler/card-state.js';
import { compareEvents, type GrillEvent, type ReplayEvent } from '../scheduler/events.js';
import type { Store } from '../store/store.js';
import type { SettingsState } from './settings-state.js';

/**
 * The review log projected into its caches: each card's state and review facts, derived by
 * deterministic replay. Events go in through `ingest`; `rebuild` and `rebuildAll` re-derive.
 */
export class Projection {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsState,
  ) {}

  /**
   * Adds events (made here or pulled from elsewhere) and updates the derived state: by folding
   * the new event in when it is the card's latest, by replaying the card otherwise. Events
   * already present are skipped. Returns the keys of the cards whose state changed.
   */
  ingest(events: readonly GrillEvent[], synced: boolean): Set<string> {
    const touched = new Set<string>();
    const replay = new Set<string>();
    const folded = new Map<string, CardState>();
    for (const event of events) {
      if (!this.store.events.insert(event, synced)) continue;
      if (event.type === 'setting' || event.type === 'reschedule') {
        // Settings look forward: only cards with events after this one fold differently (none,
        // for a change made here and now). A reschedule re-derives every card in its scope.
        this.settings.timelineChanged();
        if (event.type === 'setting') {
          this.settings.apply(event.payload);
          if (this.settings.timeline().shadowed(event)) continue;
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
      const settings = this.settings.before(deckOf(event.cardKey), event);
      const { state: next, fact } = applyEvent(state, event, settings);
      folded.set(event.cardKey, next);
      if (fact) this.store.reviews.insert(fact);
    }
    // Each card's state is written once per batch, however many of its events the batch held.
    for (const state of folded.values()) this.store.states.put(state);
    for (const key of replay) this.rebuild(key);
    return touched;
  }

  /**
   * Adds one event made here, given the card's state as read in the same transaction (undefined
   * for none): what `ingest([event])` does, without reading the state again. Such an event comes
   * after the card's latest one (see Recorder), so an answer, suspend or bury folds in; undos
   * and settings go through ingest. Returns the card's state afterwards (undefined for settings).
   */
  add(event: GrillEvent, current: CardState | undefined): CardState | undefined {
    if (event.type === 'setting' || event.type === 'reschedule' || event.type === 'undo') {
      this.ingest([event], false);
      return event.type === 'undo' ? this.store.states.get(event.cardKey) : undefined;
    }
    const state = current ?? emptyState(event.cardKey);
    if (!this.store.events.insert(event, false)) return current;
    const last = state.lastEventId === null ? null : { id: state.lastEventId, at: state.lastEventAt ?? 0 };
    if (last && compareEvents(event, last) < 0) {
      this.rebuild(event.cardKey);
      return this.store.states.get(event.cardKey);
    }
    const { state: next, fact } = applyEvent(
      state,
      event,
      this.settings.before(deckOf(event.cardKey), event),
    );
    if (fact) this.store.reviews.insert(fact);
    this.store.states.put(next);
    return next;
  }

  /** Re-derives one card's state and review facts from its events. */
  rebuild(cardKey: string): CardState | null {
    return this.store.transaction(() => this.replace(cardKey, this.store.events.replayOf(cardKey)));
  }

  /** Re-derives every card's state (of one deck, if given) from the review log. */
  rebuildAll(deckId?: string): number {
    const keys = this.store.events.cardKeys().filter((k) => deckId === undefined || deckOf(k) === deckId);
    this.store.transaction(() => {
      if (deckId !== undefined) {
        for (const key of keys) this.replace(key, this.store.events.replayOf(key));
        return;
      }
      // Everything: clear the caches once and refill them with their indexes set aside, which
      // is several times faster than replacing card by card.
      this.store.clearDerived(() => {
        for (const key of keys) this.fill(key, this.store.events.replayOf(key));
      });
    });
    this.store.checkpoint();
    return keys.length;
  }

  /** Replaces a card's cached state and facts with a fold of `events` (no state if none is in effect). */
  private replace(cardKey: string, events: readonly ReplayEvent[]): CardState | null {
    this.store.reviews.deleteForCard(cardKey);
    this.store.states.delete(cardKey);
    return this.fill(cardKey, events);
  }

  /** Writes the fold of `events` as the card's state and facts (none if no event is in effect). */
  private fill(cardKey: string, events: readonly ReplayEvent[]): CardState | null {
    const { state, facts } = foldEvents(cardKey, events, this.settings.timeline());
    if (state.lastEventId === null) return null;
    this.store.states.put(state);
    for (const fact of facts) this.store.reviews.insert(fact);
    return state;
  }
}
