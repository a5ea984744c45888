import {
  type AnyErrorResponse,
  AnyErrorResponseSchema,
  Checker,
  type LoginResponse,
  LoginResponseSchema,
  MAX_PULL_RESPONSE_BYTES,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type TokenInfo,
} from '@grill/protocol';
import { SyncError } from '../errors.js';
import type { GrillEvent } from '../scheduler/events.js';
import { BodyTooLarge, type HttpResponse, httpRequest } from './http-request.js';
import { ClockAheadRefusal } from './sync.js';

const TIMEOUT_MS = 30_000;
const loginChecker = new Checker(LoginResponseSchema);
const errorChecker = new Checker(AnyErrorResponseSchema);

/**
 * The server's base URL as given, path prefix kept (a reverse proxy may serve grill-server under
 * `/grill/`), without a trailing slash, query or fragment.
 */
export function serverBase(server: string): string {
  const url = new URL(server);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The sync server's HTTP API, as the client uses it. Every failure is a SyncError with one clear
 * line and a stable code: `unreachable`, `timeout`, `redirect`, `bad-response`, `unauthorized`,
 * `refused` (400), `conflict` (409), `rate-limited` (429), `upgrade` (426 or an older server),
 * `server-error` (5xx). A 422 `clock-ahead` becomes a ClockAheadRefusal for syncOnce to explain.
 * Redirects are never followed: a login would re-post the password to wherever they point.
 */
export class SyncHttpClient {
  readonly server: string;

  constructor(
    server: string,
    private readonly token: string | null,
    /** How long to wait for each answer (ms). */
    private readonly timeoutMs = TIMEOUT_MS,
  ) {
    this.server = serverBase(server);
  }

  static async login(
    server: string,
    username: string,
    password: string,
    device: string,
    replaces?: string,
  ): Promise<LoginResponse> {
    const response = await new SyncHttpClient(server, null).request('POST', 'v1/login', {
      username,
      password,
      device,
      ...(replaces ? { replaces } : {}),
    });
    const problem = loginChecker.first(response);
    if (problem)
      throw new SyncError(
        'bad-response',
        `the sync server sent an invalid response: ${problem.path.slice(1)} ${problem.message}`,
      );
    return response as LoginResponse;
  }

  push(events: readonly GrillEvent[]): Promise<unknown> {
    const wire = events.map((e) => ({
      id: e.id,
      cardKey: e.cardKey,
      type: e.type,
      at: e.at,
      deviceId: e.deviceId,
      payload: e.payload,
    }));
    return this.request('POST', 'v1/events', { events: wire });
  }

  /** One page, unchecked: syncOnce checks it against the request (see pageProblem). */
  pull(after: number, limit: number): Promise<unknown> {
    return this.request('GET', `v1/events?after=${after}&limit=${limit}`);
  }

  tokens(): Promise<TokenInfo[]> {
    return this.request('GET', 'v1/tokens') as Promise<TokenInfo[]>;
  }

  async revoke(tokenId: string): Promise<void> {
    await this.request('DELETE', `v1/tokens/${encodeURIComponent(tokenId)}`);
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path, `${this.server}/`);
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: HttpResponse;
    try {
      response = await httpRequest(url, {
        method,
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        limit: MAX_PULL_RESPONSE_BYTES,
      });
    } catch (error) {
      throw this.networkError(error);
    }
    if (response.status >= 300 && response.status < 400) {
      response.discard();
      const to = response.header('location');
      throw new SyncError(
        'redirect',
        `the sync server at ${this.server} answered with a redirect${to ? ` to ${to}` : ''}; grill does not follow redirects with credentials — if that is the right server, log in again with --server set to it`,
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (error instanceof BodyTooLarge)
        throw new SyncError(
          'bad-response',
          `the sync server sent an invalid response: larger than ${error.limit} bytes`,
        );
      throw this.networkError(error);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy in front of a server that is down answers 502/503/504 with a page of its own.
      if (response.status >= 500) throw this.serverError(response.status, response.statusText);
      throw new SyncError(
        'bad-response',
        `the sync server sent an invalid response: ${response.status} with a body that is not JSON (is ${this.server} a grill-server?)`,
      );
    }
    const spoken = response.header(PROTOCOL_HEADER);
    const ok = response.status >= 200 && response.status < 300;
    if (ok || response.status === 404) {
      if (spoken !== String(PROTOCOL_VERSION)) {
        throw new SyncError(
          'upgrade',
          spoken && Number(spoken) > PROTOCOL_VERSION
            ? `the sync server at ${this.server} speaks a newer sync protocol (${spoken}): upgrade grill`
            : `the sync server at ${this.server} speaks an older sync protocol (${spoken ?? 1}) than this grill (${PROTOCOL_VERSION}): upgrade grill-server, or check --server points at a grill-server`,
        );
      }
      if (ok) return json;
    }
    const parsed = errorChecker.first(json) === null ? (json as AnyErrorResponse) : null;
    const message = parsed?.error ?? (response.statusText || 'no message');
    switch (response.status) {
      case 400:
        throw new SyncError('refused', `the sync server refused the request: ${message}`);
      case 401:
        throw new SyncError('unauthorized', `the sync server refused the login: ${message}`);
      case 409:
        throw new SyncError(
          'conflict',
          `the server holds different events under the same ids (${parsed?.conflicts?.join(', ') ?? '?'}): run grill doctor, then report it`,
        );
      case 422:
        if (parsed?.code === 'clock-ahead' && parsed.serverTime !== undefined)
          throw new ClockAheadRefusal(parsed.serverTime, parsed.index ?? 0);
        break;
      case 426:
        throw new SyncError('upgrade', message);
      case 429:
        throw new SyncError('rate-limited', `too many attempts: ${message}`);
    }
    if (response.status >= 500) throw this.serverError(response.status, message);
    throw new SyncError('refused', `the sync server answered ${response.status}: ${message}`);
  }

  private serverError(status: number, message: string): SyncError {
    const who =
      status === 502 || status === 503 || status === 504
        ? 'the sync server (or a proxy in front of it)'
        : 'the sync server';
    return new SyncError(
      'server-error',
      `${who} answered ${status} (${message || 'no message'}): try again later; if it persists, its operator will find the cause in the server's log`,
    );
  }

  private networkError(error: unknown): SyncError {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return new SyncError(
        'timeout',
        `the sync server at ${this.server} did not answer within ${this.timeoutMs / 1000} s: check the connection and sync again`,
      );
    // fetch wrapped the socket's error as `cause`; node:http reports it directly.
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
    if (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET')
      return new SyncError(
        'unreachable',
        `the sync server at ${this.server} closed the connection before answering: try again; if it persists, check the server`,
      );
    return new SyncError(
      'unreachable',
      `cannot reach the sync server at ${this.server}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
  }
}
