/**
 * The sync protocol (v1), shared by the client (`grill sync`) and grill-server. The server
 * never sees card text: a card key is an opaque string to it, and an event is stored and
 * returned exactly as pushed.
 */

/** Event types the log may carry. */
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

/** One review-log event as it travels. */
export interface WireEvent {
  /** Client-generated, time-ordered, globally unique (UUIDv7). */
  id: string;
  /** Opaque to the server (`deckId/cardId` for card events). At most 200 characters. */
  cardKey: string;
  type: WireEventType;
  /** Milliseconds since the epoch. */
  at: number;
  deviceId: string;
  /** Type-specific JSON object, at most 4 KiB serialised. */
  payload: Record<string, unknown>;
}

/** A pulled event carries the per-user sequence number the server assigned it. */
export interface PulledEvent extends WireEvent {
  seq: number;
}

export const MAX_PUSH_BATCH = 1000;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_CARD_KEY_LENGTH = 200;
export const MAX_PAYLOAD_BYTES = 4096;

/** POST /v1/login */
export interface LoginRequest {
  username: string;
  password: string;
  /** A label for the token, e.g. the machine's hostname. */
  device: string;
}
export interface LoginResponse {
  token: string;
  tokenId: string;
  username: string;
}

/** POST /v1/events */
export interface PushRequest {
  events: WireEvent[];
}
export interface PushResponse {
  /** Events newly stored. */
  accepted: number;
  /** Events already stored with identical content (a retry). */
  duplicates: number;
}
/** 409 body when an id already exists with different content. */
export interface ConflictResponse {
  error: string;
  conflicts: string[];
}

/** GET /v1/events?after=SEQ&limit=N */
export interface PullResponse {
  events: PulledEvent[];
  /** The cursor to pass as `after` next time. */
  next: number;
  /** True when more events are waiting after `next`. */
  more: boolean;
}

/** GET /v1/tokens */
export interface TokenInfo {
  id: string;
  device: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** True for the token making the request. */
  current: boolean;
}

/** Every 4xx/5xx body. */
export interface ErrorResponse {
  error: string;
}
