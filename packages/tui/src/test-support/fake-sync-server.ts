import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOCOL_VERSION } from '@grill/protocol';

export interface FakeRequest {
  method: string;
  url: URL;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What the fake answers: a status, headers, a body (objects become JSON), or nothing at all. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

/**
 * A real HTTP server on a loopback port that answers as `route` says: a stand-in for a broken,
 * old or hostile sync server. Every request is recorded. Replies carry the current protocol
 * version header unless `headers` overrides it.
 */
export async function fakeSyncServer(route: (request: FakeRequest) => FakeReply) {
  const requests: FakeRequest[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://fake'),
      body,
      headers: req.headers,
    };
    requests.push(request);
    const reply = route(request);
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, {
      'content-type': 'application/json',
      'grill-protocol': String(PROTOCOL_VERSION),
      ...reply.headers,
    });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A well-formed empty page for stream `stream`. */
export function emptyPage(after = 0, stream = 'fake:1') {
  return { events: [], next: after, more: false, stream, head: after, anchor: null, serverTime: FAKE_NOW };
}

/** The fake servers' clock: 2026-03-02T12:00:00Z, a few hours after the test decks' T0. */
export const FAKE_NOW = Date.parse('2026-03-02T12:00:00Z');
