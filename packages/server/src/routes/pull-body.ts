import type { EventPage, ServedEvent } from '../store.js';

/**
 * The body of a pull response (PullResponseSchema), as JSON text, with each event's payload
 * spliced in as stored (JSON text the server wrote itself: see ServedEvent) instead of parsed and
 * serialised again: a page holds up to a thousand events. Fields in the schema's order, written
 * as JSON.stringify writes them, so the text is what the schema's serializer would produce.
 */
export function pullBody(
  page: EventPage,
  fields: { next: number; stream: string; serverTime: number },
): string {
  const events = page.events.map(eventJson).join(',');
  return `{"events":[${events}],"next":${fields.next},"more":${page.more},"stream":${JSON.stringify(fields.stream)},"head":${page.head},"anchor":${JSON.stringify(page.anchor)},"serverTime":${fields.serverTime}}`;
}

function eventJson(e: ServedEvent): string {
  const text = JSON.stringify;
  return `{"id":${text(e.id)},"cardKey":${text(e.cardKey)},"type":${text(e.type)},"at":${e.at},"deviceId":${text(e.deviceId)},"payload":${e.payloadJson},"seq":${e.seq}}`;
}
