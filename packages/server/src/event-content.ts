import { canonicalJson } from './canonical-json.js';
import { MAX_PAYLOAD_BYTES, type WireEvent } from './protocol.js';

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

/** The index of the first event whose payload is over the size limit, or -1. */
export function oversizedPayloadIndex(events: readonly WireEvent[]): number {
  return events.findIndex((e) => Buffer.byteLength(JSON.stringify(e.payload)) > MAX_PAYLOAD_BYTES);
}
