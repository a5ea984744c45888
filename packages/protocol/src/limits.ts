/** The sync protocol's version. A client sends it with every request (PROTOCOL_HEADER); a server
 * speaking another version answers 426 with a clear "upgrade" message. Version 2 added the stream
 * identity and anchor that let a client notice a server restored from a backup. Version 3 lets an
 * answer carry the mock interview it was given in (`detail.mock`) and adds the interview settings
 * (interview-date, review-only-days, max-new-per-day): a version 2 end refuses such events (its
 * schemas allow no unknown field or key), so the two say "upgrade" instead of a server refusing
 * every push or a client setting answers aside. */
export const PROTOCOL_VERSION = 3;
/** The request and response header carrying PROTOCOL_VERSION. */
export const PROTOCOL_HEADER = 'grill-protocol';

export const MAX_PUSH_BATCH = 1000;
/** The largest request body a server accepts by default (bytes); a client keeps each push below it. */
export const MAX_PUSH_BODY_BYTES = 1024 * 1024;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_CARD_KEY_LENGTH = 200;
/** An event's payload, serialised as JSON, in UTF-8 bytes. */
export const MAX_PAYLOAD_BYTES = 4096;
/** Device ids and token labels. */
export const MAX_DEVICE_LENGTH = 200;
/** Latest instant an event may carry: 9999-12-31T23:59:59.999Z, in ms since the epoch. */
export const MAX_TIMESTAMP = 253_402_300_799_999;
/** How far ahead of the server's clock an event may be stamped before it is refused (ms). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/**
 * The largest pull response a client reads (bytes): a full page of events with maximal payloads,
 * their fields, and room for the envelope. A longer body is an invalid response.
 */
export const MAX_PULL_RESPONSE_BYTES = MAX_PULL_LIMIT * (MAX_PAYLOAD_BYTES + 2048) + 64 * 1024;

export const USERNAME_PATTERN = '^[a-zA-Z0-9._-]{1,64}$';
export const MIN_PASSWORD_LENGTH = 8;
/** Bounds the work one request can ask of scrypt. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * FSRS-6's parameter bounds (what ts-fsrs's CLAMP_PARAMETERS(2, true) and the fsrs-rs optimizer
 * clamp to), one [min, max] per weight w0…w20.
 */
export const WEIGHT_BOUNDS: readonly (readonly [number, number])[] = [
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [1, 10],
  [0.001, 4],
  [0.001, 4],
  [0.001, 0.75],
  [0, 4.5],
  [0, 0.8],
  [0.001, 3.5],
  [0.001, 5],
  [0.001, 0.25],
  [0.001, 0.9],
  [0, 4],
  [0, 1],
  [1, 6],
  [0, 2],
  [0, 2],
  [0.01, 0.8],
  [0.1, 0.8],
];
