import type { WireEvent } from '@grill/protocol';
import { canonicalJson } from './canonical-json.js';

/** Whether two events with the same id say the same thing (a retry rather than a clash). */
export function sameEventContent(a: WireEvent, b: WireEvent): boolean {
  return (
    a.cardKey === b.cardKey &&
    a.type === b.type &&
    a.at === b.at &&
    a.deviceId === b.deviceId &&
    canonicalJson(a.payload) === canonicalJson(b.payload)
  );
}
