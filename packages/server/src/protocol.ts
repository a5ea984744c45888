/**
 * The sync protocol (v1) as TypeBox schemas. It mirrors `packages/core/src/sync/protocol.ts`
 * field for field (same names, limits and meaning); keep the two in step.
 */
import { type Static, Type } from '@sinclair/typebox';

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

export const MAX_PUSH_BATCH = 1000;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_CARD_KEY_LENGTH = 200;
export const MAX_PAYLOAD_BYTES = 4096;
/** Server-side bounds the core protocol leaves open: device ids and token labels are short. */
export const MAX_DEVICE_LENGTH = 200;

export const USERNAME_PATTERN = '^[a-zA-Z0-9._-]{1,64}$';
export const MIN_PASSWORD_LENGTH = 8;
/** Bounds the work one request can ask of scrypt. */
export const MAX_PASSWORD_LENGTH = 1024;

// A plain enum (not a union of literals) so a bad value gets one error listing the choices.
const WireEventTypeSchema = Type.Unsafe<WireEventType>({ type: 'string', enum: [...WIRE_EVENT_TYPES] });

const eventFields = {
  // The `uuid` format also accepts a `urn:uuid:` prefix; the length bound rules that out.
  id: Type.String({ format: 'uuid', maxLength: 36, description: 'Client-generated UUID (v7)' }),
  cardKey: Type.String({ minLength: 1, maxLength: MAX_CARD_KEY_LENGTH, description: 'Opaque to the server' }),
  type: WireEventTypeSchema,
  at: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'ms since the epoch' }),
  deviceId: Type.String({ minLength: 1, maxLength: MAX_DEVICE_LENGTH }),
  // Any JSON object; written as `additionalProperties: true` so OpenAPI 3.0 and the serializer take it.
  payload: Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    additionalProperties: true,
    description: `Type-specific JSON object, at most ${MAX_PAYLOAD_BYTES} bytes serialized`,
  }),
};

export const WireEventSchema = Type.Object(eventFields, { additionalProperties: false });
export type WireEvent = Static<typeof WireEventSchema>;

export const PulledEventSchema = Type.Object({ ...eventFields, seq: Type.Integer({ minimum: 1 }) });
export type PulledEvent = Static<typeof PulledEventSchema>;

export const UsernameSchema = Type.String({
  pattern: USERNAME_PATTERN,
  description: '1-64 of [a-zA-Z0-9._-]',
});
const PasswordSchema = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

export const AccountRequestSchema = Type.Object(
  { username: UsernameSchema, password: PasswordSchema },
  { additionalProperties: false },
);
export type AccountRequest = Static<typeof AccountRequestSchema>;
export const AccountResponseSchema = Type.Object({ username: Type.String() });

export const LoginRequestSchema = Type.Object(
  {
    // Looser than at sign-up: a malformed name just fails to log in, with the usual 401.
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    device: Type.String({ minLength: 1, maxLength: MAX_DEVICE_LENGTH, description: 'Label for the token' }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequestSchema>;
export const LoginResponseSchema = Type.Object({
  token: Type.String(),
  tokenId: Type.String(),
  username: Type.String(),
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

export const PushRequestSchema = Type.Object(
  { events: Type.Array(WireEventSchema, { minItems: 1, maxItems: MAX_PUSH_BATCH }) },
  { additionalProperties: false },
);
export type PushRequest = Static<typeof PushRequestSchema>;
export const PushResponseSchema = Type.Object({
  accepted: Type.Integer({ description: 'Events newly stored' }),
  duplicates: Type.Integer({ description: 'Events already stored with identical content (a retry)' }),
});
export type PushResponse = Static<typeof PushResponseSchema>;

export const PullQuerySchema = Type.Object(
  {
    after: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: MAX_PULL_LIMIT, default: DEFAULT_PULL_LIMIT }),
  },
  { additionalProperties: false },
);
export type PullQuery = Static<typeof PullQuerySchema>;
export const PullResponseSchema = Type.Object({
  events: Type.Array(PulledEventSchema),
  next: Type.Integer({ description: 'The cursor to pass as `after` next time' }),
  more: Type.Boolean({ description: 'True when more events are waiting after `next`' }),
});
export type PullResponse = Static<typeof PullResponseSchema>;

export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  device: Type.String(),
  createdAt: Type.Integer(),
  lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
  current: Type.Boolean({ description: 'True for the token making the request' }),
});
export type TokenInfo = Static<typeof TokenInfoSchema>;
export const TokenParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const ErrorResponseSchema = Type.Object({ error: Type.String() });
export const ConflictResponseSchema = Type.Object({
  error: Type.String(),
  conflicts: Type.Array(Type.String()),
});

export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok'), version: Type.String() });
