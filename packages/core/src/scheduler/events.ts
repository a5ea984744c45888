import { SETTINGS_CARD_KEY, WIRE_EVENT_TYPES, type WireEventType } from '@grill/protocol/event-types';
/** The review log's event types. Events are append-only and the source of truth. */

export type Rating = 1 | 2 | 3 | 4;
export const RATING_NAMES = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const;
export type RatingName = (typeof RATING_NAMES)[Rating];

/** What the user actually answered, recorded with a review. */
export interface AnswerDetail {
  /** choice: the 0-based option indexes chosen. */
  chosen?: number[];
  /** typed: the text typed. */
  typed?: string;
  /** open: the 0-based rubric points ticked as covered. */
  covered?: number[];
  /** choice/typed: whether the answer was judged correct. */
  correct?: boolean;
  /** Given in a mock interview (grill mock): when that interview started, ms since the epoch. */
  mock?: number;
}

export interface ReviewPayload {
  rating: Rating;
  durationMs: number;
  detail?: AnswerDetail;
}

interface EventBase {
  /** Globally unique, time-ordered id (UUIDv7). */
  id: string;
  /** `deckId/cardId`. */
  cardKey: string;
  /** When it happened, ms since the epoch. */
  at: number;
  deviceId: string;
}

export type GrillEvent =
  | (EventBase & { type: 'review'; payload: ReviewPayload })
  | (EventBase & { type: 'undo'; payload: { target: string } })
  | (EventBase & { type: 'suspend'; payload: Record<string, never> })
  | (EventBase & { type: 'unsuspend'; payload: Record<string, never> })
  | (EventBase & { type: 'bury'; payload: { until: number } })
  | (EventBase & { type: 'setting'; payload: SettingPayload })
  | (EventBase & { type: 'reschedule'; payload: ReschedulePayload });

/**
 * An event as a replay reads it: everything but the device that made it (which no fold looks at).
 * Every GrillEvent is one.
 */
export type ReplayEvent = GrillEvent extends infer E
  ? E extends GrillEvent
    ? Omit<E, 'deviceId'>
    : never
  : never;

/**
 * Re-derive the due dates of the cards in `scope` (a deck id, or '' for all) from the settings
 * in force at this event: the explicit, synced counterpart of settings that look forward.
 */
export interface ReschedulePayload {
  scope: string;
}

/** A settings change: `value` null removes the override. Merged last-writer-wins by `hlc`. */
export interface SettingPayload {
  scope: string;
  key: string;
  value: unknown;
  hlc: string;
}

/** The card key settings and reschedule events are filed under (the protocol's one definition). */
export const SETTINGS_KEY = SETTINGS_CARD_KEY;

export type EventType = GrillEvent['type'];
/** The event types, as the sync protocol defines them. */
export const EVENT_TYPES: readonly EventType[] = WIRE_EVENT_TYPES;
// The engine's events and the protocol's types are the same set (compile-time check both ways).
const _sameTypes: [EventType, WireEventType] extends [WireEventType, EventType] ? true : never = true;
void _sameTypes;
/** Event types that `undo` can cancel. */
export const UNDOABLE_TYPES: readonly EventType[] = ['review', 'suspend', 'unsuspend', 'bury'];

/** Replay order: reviewed-at, then event id. */
export function compareEvents(a: Pick<ReplayEvent, 'at' | 'id'>, b: Pick<ReplayEvent, 'at' | 'id'>): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function parseRating(input: string): Rating | null {
  const lower = input.trim().toLowerCase();
  if (/^[1-4]$/.test(lower)) return Number(lower) as Rating;
  const entry = Object.entries(RATING_NAMES).find(([, name]) => name === lower);
  return entry ? (Number(entry[0]) as Rating) : null;
}
