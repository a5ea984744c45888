/** Requests and responses of grill-server's HTTP API (`/v1/...`). */
import { type Static, Type } from '@sinclair/typebox';
import { PulledEventSchema, WireEventSchema } from './events.js';
import {
  DEFAULT_PULL_LIMIT,
  MAX_DEVICE_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_PULL_LIMIT,
  MAX_PUSH_BATCH,
  MIN_PASSWORD_LENGTH,
  USERNAME_PATTERN,
} from './limits.js';

export const UsernameSchema = Type.String({
  pattern: USERNAME_PATTERN,
  description: '1-64 of [a-zA-Z0-9._-]; case-insensitive (Alice and alice are one account)',
});
const PasswordSchema = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

/** POST /v1/accounts */
export const AccountRequestSchema = Type.Object(
  { username: UsernameSchema, password: PasswordSchema },
  { additionalProperties: false },
);
export type AccountRequest = Static<typeof AccountRequestSchema>;
export const AccountResponseSchema = Type.Object({ username: Type.String() });

/** POST /v1/login */
export const LoginRequestSchema = Type.Object(
  {
    // Looser than at sign-up: a malformed name just fails to log in, with the usual 401.
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    device: Type.String({ minLength: 1, maxLength: MAX_DEVICE_LENGTH, description: 'Label for the token' }),
    replaces: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "This device's previous token id: revoked once the new token is issued",
      }),
    ),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequestSchema>;
export const LoginResponseSchema = Type.Object({
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,256}$' }),
  tokenId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }),
  username: Type.String({ pattern: USERNAME_PATTERN, description: 'The account name as registered' }),
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

/**
 * Names the event stream a client syncs with: the server database's identity plus the account.
 * It changes when the server is replaced by a fresh database, or the login changes account.
 */
const StreamSchema = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Identity of this event stream',
});

/** POST /v1/events */
export const PushRequestSchema = Type.Object(
  { events: Type.Array(WireEventSchema, { minItems: 1, maxItems: MAX_PUSH_BATCH }) },
  { additionalProperties: false },
);
export const PushResponseSchema = Type.Object({
  accepted: Type.Integer({ minimum: 0, description: 'Events newly stored' }),
  duplicates: Type.Integer({
    minimum: 0,
    description: 'Events already stored with identical content (a resend)',
  }),
  stream: StreamSchema,
  head: Type.Integer({ minimum: 0, description: "The stream's latest seq after this push" }),
  headId: Type.Union([Type.String(), Type.Null()], { description: 'The id of the event at `head`' }),
});
export type PushResponse = Static<typeof PushResponseSchema>;

/** GET /v1/events?after=SEQ&limit=N */
export const PullQuerySchema = Type.Object(
  {
    after: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: MAX_PULL_LIMIT, default: DEFAULT_PULL_LIMIT }),
  },
  { additionalProperties: false },
);
export type PullQuery = Static<typeof PullQuerySchema>;
export const PullResponseSchema = Type.Object({
  events: Type.Array(PulledEventSchema, { maxItems: MAX_PULL_LIMIT }),
  next: Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'The cursor to pass as `after` next time',
  }),
  more: Type.Boolean({ description: 'True when more events are waiting after `next`' }),
  stream: StreamSchema,
  head: Type.Integer({ minimum: 0, description: "The stream's latest seq" }),
  anchor: Type.Union([Type.String(), Type.Null()], {
    description: 'Id of the event at seq = after (null for after = 0 or when there is none)',
  }),
  serverTime: Type.Integer({
    minimum: 0,
    description: "The server's clock (ms since the epoch): events stamped far ahead of it are set aside",
  }),
});
export type PullResponse = Omit<Static<typeof PullResponseSchema>, 'events'> & { events: unknown[] };

/** GET /v1/tokens */
export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  device: Type.String(),
  createdAt: Type.Integer(),
  lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
  expiresAt: Type.Union([Type.Integer(), Type.Null()], { description: 'null: never expires' }),
  current: Type.Boolean({ description: 'True for the token making the request' }),
});
export type TokenInfo = Static<typeof TokenInfoSchema>;
export const TokenParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Every 4xx/5xx body: a one-line message and a stable code. */
export const ErrorResponseSchema = Type.Object({
  error: Type.String(),
  code: Type.Optional(Type.String()),
});
export type ErrorResponse = Static<typeof ErrorResponseSchema>;
/** 409 on push: ids already stored with different content. */
export const ConflictResponseSchema = Type.Object({
  error: Type.String(),
  code: Type.Optional(Type.String()),
  conflicts: Type.Array(Type.String()),
});
/** 422 on push: an event stamped too far ahead of the server's clock (code `clock-ahead`). */
export const ClockAheadResponseSchema = Type.Object({
  error: Type.String(),
  code: Type.Literal('clock-ahead'),
  serverTime: Type.Integer({ description: "The server's clock, ms since the epoch" }),
  index: Type.Integer({ description: 'The first event refused' }),
});
export type ClockAheadResponse = Static<typeof ClockAheadResponseSchema>;

/** GET /v1/health: 200 with status `ok`, or 503 with `unavailable` when the database does not answer. */
export const HealthResponseSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  version: Type.String(),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')], {
    description: 'Whether the server reached its database just now',
  }),
});
export type HealthResponse = Static<typeof HealthResponseSchema>;

/** Any error body a client may get: the fields every error has, and those some add. */
export const AnyErrorResponseSchema = Type.Object({
  error: Type.String(),
  code: Type.Optional(Type.String()),
  conflicts: Type.Optional(Type.Array(Type.String())),
  serverTime: Type.Optional(Type.Integer()),
  index: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type AnyErrorResponse = Static<typeof AnyErrorResponseSchema>;
