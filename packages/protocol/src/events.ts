/**
 * Review-log events as they travel. The envelope (id, card key, type, time, device) is checked by
 * Fastify at the server's door and by the client on every pulled page; `eventProblem` then checks
 * the whole event — the payload for its type, each setting's value — the same way on both ends.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { SETTINGS_CARD_KEY, WIRE_EVENT_TYPES, type WireEventType } from './event-types.js';
import { MAX_CARD_KEY_LENGTH, MAX_DEVICE_LENGTH, MAX_PAYLOAD_BYTES, MAX_TIMESTAMP } from './limits.js';
import { Checker, type Problem } from './problems.js';
import { GLOBAL_ONLY_SETTINGS, type SettingKey } from './setting-keys.js';
import { settingValueProblem } from './settings.js';

export { SETTINGS_CARD_KEY, WIRE_EVENT_TYPES, type WireEventType } from './event-types.js';

/** A UUID in canonical form: lowercase hex, hyphenated (grill makes UUIDv7s). */
export const EVENT_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** `deckId/cardId`: a deck part that is not a reserved `@` name, a slash, a card part. */
const CARD_KEY = /^[^@/][^/]*\/./;
/** A deck id, or '' for the whole collection. */
const SCOPE_PATTERN = '^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$';
/** Settings clock: wall ms (15 digits) : counter (6 digits) : device id. */
export const HLC_PATTERN = '^[0-9]{15}:[0-9]{6}:[^:]{1,200}$';

const timestamp = (description: string) => Type.Integer({ minimum: 0, maximum: MAX_TIMESTAMP, description });

const envelope = {
  id: Type.String({ pattern: EVENT_ID_PATTERN, description: 'Client-generated UUID (v7), lowercase' }),
  cardKey: Type.String({
    minLength: 1,
    maxLength: MAX_CARD_KEY_LENGTH,
    description: `deckId/cardId, or ${SETTINGS_CARD_KEY} for settings and reschedule events`,
  }),
  type: Type.String({ description: `One of: ${WIRE_EVENT_TYPES.join(', ')}` }),
  at: timestamp('ms since the epoch'),
  deviceId: Type.String({ minLength: 1, maxLength: MAX_DEVICE_LENGTH }),
  payload: Type.Object(
    {},
    {
      additionalProperties: true,
      description: `Type-specific JSON object, at most ${MAX_PAYLOAD_BYTES} bytes serialized`,
    },
  ),
};

/** One event as pushed. */
export const WireEventSchema = Type.Object(envelope, { additionalProperties: false });
/** Static type of the envelope; `type` is narrowed once `eventProblem` has passed it. */
export type WireEvent = Omit<Static<typeof WireEventSchema>, 'type' | 'payload'> & {
  type: WireEventType;
  payload: Record<string, unknown>;
};

/** One event as pulled: with the per-user sequence number the server gave it. */
export const PulledEventSchema = Type.Object(
  { ...envelope, seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
);
export type PulledEvent = WireEvent & { seq: number };

const eventId = Type.String({ pattern: EVENT_ID_PATTERN, expected: 'an event id (a lowercase UUID)' });
const scope = Type.String({ pattern: SCOPE_PATTERN, expected: "a deck id, or '' for all decks" });
const index = Type.Integer({ minimum: 0, maximum: 999 });
const none = Type.Object({}, { additionalProperties: false });

/** The payload each event type carries. */
export const PAYLOAD_SCHEMAS = {
  review: Type.Object(
    {
      rating: Type.Integer({ minimum: 1, maximum: 4, expected: 'a rating from 1 (again) to 4 (easy)' }),
      durationMs: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      detail: Type.Optional(
        Type.Object(
          {
            chosen: Type.Optional(Type.Array(index, { maxItems: 1000 })),
            typed: Type.Optional(Type.String({ maxLength: MAX_PAYLOAD_BYTES })),
            covered: Type.Optional(Type.Array(index, { maxItems: 1000 })),
            correct: Type.Optional(Type.Boolean()),
            // Protocol 3: the answer was given in a mock interview (grill mock), which started then.
            mock: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: MAX_TIMESTAMP,
                description: 'Given in a mock interview: when that interview started, ms since the epoch',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  undo: Type.Object({ target: eventId }, { additionalProperties: false }),
  suspend: none,
  unsuspend: none,
  bury: Type.Object({ until: timestamp('ms since the epoch') }, { additionalProperties: false }),
  setting: Type.Object(
    {
      scope,
      key: Type.String({ minLength: 1, maxLength: 64 }),
      // Checked per key by settingValueProblem.
      value: Type.Unknown(),
      hlc: Type.String({ pattern: HLC_PATTERN, expected: 'a settings clock (wall:counter:device)' }),
    },
    { additionalProperties: false },
  ),
  reschedule: Type.Object({ scope }, { additionalProperties: false }),
} satisfies Record<WireEventType, TSchema>;

export type ReviewPayload = Static<(typeof PAYLOAD_SCHEMAS)['review']>;

const envelopeChecker = new Checker(WireEventSchema);
const pulledChecker = new Checker(PulledEventSchema);
const payloadCheckers = new Map<WireEventType, Checker<TSchema>>(
  WIRE_EVENT_TYPES.map((type) => [type, new Checker(PAYLOAD_SCHEMAS[type])]),
);

function isEventType(type: unknown): type is WireEventType {
  return (WIRE_EVENT_TYPES as readonly unknown[]).includes(type);
}

/** Whether every string in `value` (a JSON value already bounded by a schema) is well-formed UTF-16. */
function ill(value: unknown, path: string): Problem | null {
  if (typeof value === 'string')
    return /\p{Cs}/u.test(value)
      ? { path, message: 'must be well-formed Unicode (no lone surrogates)' }
      : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = ill(key, `${path}/${key}`) ?? ill(inner, `${path}/${key}`);
    if (found) return found;
  }
  return null;
}

/**
 * The first thing wrong with an event, or null when it is valid: its envelope, its type, its
 * payload for that type (a setting's value by the rules `grill config set` uses), the card key it
 * may be filed under, strings that are not well-formed Unicode, and the payload's size. Safe on
 * any JSON value, however deep: nesting beyond the schemas is refused before it is walked.
 * `pulled` also requires the server's `seq`.
 */
export function eventProblem(event: unknown, opts: { pulled?: boolean } = {}): Problem | null {
  const problem = (opts.pulled ? pulledChecker : envelopeChecker).first(event);
  if (problem) return problem;
  const e = event as WireEvent;
  if (!isEventType(e.type))
    return { path: '/type', message: `must be one of: ${WIRE_EVENT_TYPES.join(', ')}` };
  const payloadProblem = payloadCheckers.get(e.type)!.first(e.payload);
  if (payloadProblem) return { path: `/payload${payloadProblem.path}`, message: payloadProblem.message };
  const forSettings = e.type === 'setting' || e.type === 'reschedule';
  if (forSettings && e.cardKey !== SETTINGS_CARD_KEY)
    return { path: '/cardKey', message: `must be ${SETTINGS_CARD_KEY} for a ${e.type} event` };
  if (!forSettings && !CARD_KEY.test(e.cardKey))
    return { path: '/cardKey', message: 'must be deckId/cardId' };
  if (e.type === 'setting') {
    const { key, value, scope: where } = e.payload as { key: string; value: unknown; scope: string };
    const valueProblem = settingValueProblem(key, value);
    if (valueProblem)
      return {
        path: valueProblem.startsWith('is not') ? '/payload/key' : '/payload/value',
        message: valueProblem,
      };
    if (where !== '' && GLOBAL_ONLY_SETTINGS.includes(key as SettingKey))
      return { path: '/payload/scope', message: `must be '' (${key} is set for the whole collection)` };
  }
  const illFormed = ill(e, '');
  if (illFormed) return illFormed;
  if (Buffer.byteLength(JSON.stringify(e.payload)) > MAX_PAYLOAD_BYTES)
    return { path: '/payload', message: `must be at most ${MAX_PAYLOAD_BYTES} bytes serialized` };
  return null;
}

/**
 * How far ahead of `now` (ms) a valid event is stamped — by its time, or for a settings change by
 * its settings clock, whichever is later — or 0. A server refuses events more than
 * MAX_CLOCK_AHEAD_MS ahead of its own clock: once stored they would sort after everything a
 * correct clock makes for as long as the skew lasts, and a settings change would never lose.
 */
export function msAhead(event: { type: string; at: number; payload: object }, now: number): number {
  const hlc =
    event.type === 'setting' ? Number(String((event.payload as { hlc?: unknown }).hlc).slice(0, 15)) : 0;
  return Math.max(0, event.at - now, hlc - now);
}
