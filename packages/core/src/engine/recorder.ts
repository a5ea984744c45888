import { NotFoundError } from '../errors.js';
import { type CardState, emptyState } from '../scheduler/card-state.js';
import type { GrillEvent } from '../scheduler/events.js';
import type { Store } from '../store/store.js';
import { EventIds } from './event-ids.js';
import type { Projection } from './projection.js';

/** An event as a command describes it: the recorder gives it its id, time and device. */
export type EventInput = GrillEvent extends infer E
  ? E extends GrillEvent
    ? Omit<E, 'id' | 'deviceId' | 'at'>
    : never
  : never;

/** The error for a card key no active card has (unknown, or retired from its deck). */
export function unknownCard(cardKey: string): NotFoundError {
  const hint = cardKey.includes('/') ? '' : ' (card keys look like deck-id/card-id)';
  return new NotFoundError('unknown-card', `unknown card "${cardKey}"${hint}`);
}

/**
 * Records the events made here, each committed with the card's re-derived state in one
 * transaction. An event about a card is a response to the state the user saw, so it is ordered
 * after the card's latest event: when the clock reads earlier than that event (a clock set back,
 * a GRILL_NOW in the past), it is recorded at that event's time, with a later id.
 */
export class Recorder {
  private readonly ids: EventIds;

  constructor(
    private readonly store: Store,
    private readonly projection: Projection,
    private readonly deviceId: string,
  ) {
    this.ids = new EventIds(store.events);
  }

  /** Forgets the last id made here: events from elsewhere arrived (see EventIds). */
  forgetIds(): void {
    this.ids.forget();
  }

  /**
   * Records an event about an active card: `make` (run once the card is found, so an unknown card
   * is the first error) describes it. Throws a NotFoundError (`unknown-card`) for a key no active
   * card has; nothing is written then. Returns the event and the card's state afterwards.
   */
  recordForCard(
    cardKey: string,
    now: number,
    make: () => EventInput,
  ): { event: GrillEvent; state: CardState } {
    return this.store.transaction(() => {
      const card = this.store.states.ofActiveCard(cardKey);
      if (!card) throw unknownCard(cardKey);
      const event = this.stamp(make(), now, card.state);
      const state = this.projection.add(event, card.state) ?? this.store.states.get(cardKey);
      return { event, state: state ?? emptyState(cardKey) };
    });
  }

  /**
   * Records an event: a settings change or reschedule (filed under the settings key), or an undo.
   * Returns the event and the state of its card afterwards (undefined for settings).
   */
  record(input: EventInput, now: number): { event: GrillEvent; state: CardState | undefined } {
    return this.store.transaction(() => {
      const latest = input.type === 'setting' ? undefined : this.store.states.get(input.cardKey);
      const event = this.stamp(input, now, latest);
      return { event, state: this.projection.add(event, latest) };
    });
  }

  /** The event with its id, time and device: after `latest` (the card's state), whatever the clock says. */
  private stamp(input: EventInput, now: number, latest: CardState | undefined): GrillEvent {
    const after =
      latest?.lastEventId && latest.lastEventAt !== null && latest.lastEventAt >= now
        ? { id: latest.lastEventId, at: latest.lastEventAt }
        : null;
    const at = after ? after.at : now;
    const id = this.ids.next(at, after);
    return { ...input, id, at, deviceId: this.deviceId } as GrillEvent;
  }
}
