import type { PulledEvent, WireEventType } from '@grill/protocol';
import type { PasswordParams } from './passwords.js';
import type { TokenRecord, UserRecord } from './store.js';

// The tables' rows, the same columns on SQLite and PostgreSQL (sqlite/, postgres/), and their
// mappers to the store's records.

export interface UserRow {
  id: number;
  name: string;
  password_hash: Buffer;
  salt: Buffer;
  params: string;
  created_at: number;
}

export function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    name: r.name,
    password: { hash: r.password_hash, salt: r.salt, params: JSON.parse(r.params) as PasswordParams },
    createdAt: r.created_at,
  };
}

export interface TokenRow {
  id: string;
  device: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
}

export function toToken(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    device: r.device,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
  };
}

export interface EventRow {
  seq: number;
  id: string;
  card_key: string;
  type: string;
  at: number;
  device_id: string;
  /** The payload's JSON text, as the client sent it. */
  payload: string;
}

/** An event as stored, its payload parsed (to compare a resend with it). */
export function toEvent(r: EventRow): PulledEvent {
  return {
    id: r.id,
    cardKey: r.card_key,
    type: r.type as WireEventType,
    at: r.at,
    deviceId: r.device_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    seq: r.seq,
  };
}
