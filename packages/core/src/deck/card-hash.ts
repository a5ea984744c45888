// A card's content hash: what changes when its text does (ids and positions do not count).
import { createHash } from 'node:crypto';
import type { Card } from './model.js';

/** A card before its content hash is computed. */
export type Unhashed = Card extends infer C ? (C extends Card ? Omit<C, 'hash'> : never) : never;

export function hashCard(card: Unhashed): string {
  const { line: _line, ...content } = card;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
