// The review log's event types and reserved card key: what every command needs, without the
// validators (which load TypeBox; see events.ts).

export const WIRE_EVENT_TYPES = [
  'review',
  'undo',
  'suspend',
  'unsuspend',
  'bury',
  'setting',
  'reschedule',
] as const;
export type WireEventType = (typeof WIRE_EVENT_TYPES)[number];

/** The card key settings and reschedule events are filed under (no card has it: card keys contain a slash). */
export const SETTINGS_CARD_KEY = '@settings';
