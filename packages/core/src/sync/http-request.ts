import type { Agent, IncomingMessage, RequestOptions } from 'node:http';

// One HTTP exchange on node:http (node:https for https URLs), not fetch: loading fetch's client
// (undici) costs a `grill sync` about 50 ms of its start, node:http under 10. Sockets are kept alive
// between the requests of one sync, and never keep the process alive when idle.

/** A response read whole: status, headers (lower-case names), and the body as text. */
export interface HttpResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  /** The body, or an error when it is longer than the limit (BodyTooLarge) or the exchange fails. */
  text(): Promise<string>;
  /** Drops the body unread (and the connection with it). */
  discard(): void;
}

/** Thrown by `text()` when the body is longer than the limit; nothing more is read. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

const agents = new Map<string, Agent>();

async function agentFor(
  protocol: string,
): Promise<{ agent: Agent; request: typeof import('node:http').request }> {
  const http = protocol === 'https:' ? await import('node:https') : await import('node:http');
  let agent = agents.get(protocol);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true });
    agents.set(protocol, agent);
  }
  return { agent, request: http.request };
}

/**
 * Sends one request: `body` (JSON text) with `headers`, never following a redirect. Resolves when
 * the status and headers are in; the body is read by `text()`, at most `limit` bytes. `signal`
 * aborts the whole exchange, body included. Network failures reject as node:http reports them
 * (an Error with `code`, or an AbortError).
 */
export async function httpRequest(
  url: URL,
  opts: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    limit: number;
  },
): Promise<HttpResponse> {
  const { agent, request } = await agentFor(url.protocol);
  const options: RequestOptions = {
    method: opts.method,
    agent,
    signal: opts.signal,
    headers: {
      // As fetch asks: a proxy may then compress what it passes on (see readBody).
      'accept-encoding': 'gzip, deflate',
      ...opts.headers,
      ...(opts.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(opts.body)) }),
    },
  };
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, options, resolve);
    req.on('error', reject);
    req.end(opts.body);
  });
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    header(name) {
      const value = response.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    text: () => readBody(response, opts.limit),
    discard: () => response.destroy(),
  };
}

/**
 * The body as UTF-8 text (decompressed, as fetch would), refusing one longer than `limit` bytes
 * without reading the rest.
 */
async function readBody(response: IncomingMessage, limit: number): Promise<string> {
  const length = Number(response.headers['content-length'] ?? Number.NaN);
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  const compressed = encoding === 'gzip' || encoding === 'deflate' || encoding === 'br';
  if (!compressed && length > limit) {
    response.destroy();
    throw new BodyTooLarge(limit);
  }
  const body = compressed ? await decompressed(response, encoding) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > limit) throw new BodyTooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    // The rest is never read: the connection goes (it is not handed to the next request).
    response.destroy();
    throw error;
  }
  // A connection cut before the end of a body is a failure, not a short body.
  if (!response.complete)
    throw Object.assign(new Error('the connection closed mid-body'), { code: 'ECONNRESET' });
  return Buffer.concat(chunks).toString('utf8');
}

async function decompressed(response: IncomingMessage, encoding: string): Promise<NodeJS.ReadableStream> {
  const zlib = await import('node:zlib');
  const stream =
    encoding === 'gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : zlib.createBrotliDecompress();
  response.on('error', (error) => stream.destroy(error));
  return response.pipe(stream);
}
