import { SyncError } from '../errors.js';
import type { GrillEvent } from '../scheduler/events.js';
import type {
  ConflictResponse,
  LoginResponse,
  PullResponse,
  PushResponse,
  TokenInfo,
  WireEvent,
} from './protocol.js';

/** The sync server's HTTP API, as the client uses it. Every failure is a SyncError with one clear line. */
export class SyncHttpClient {
  constructor(
    readonly server: string,
    private readonly token: string | null,
  ) {}

  static async login(
    server: string,
    username: string,
    password: string,
    device: string,
  ): Promise<LoginResponse> {
    return new SyncHttpClient(server, null).request<LoginResponse>('POST', '/v1/login', {
      username,
      password,
      device,
    });
  }

  push(events: readonly GrillEvent[]): Promise<PushResponse> {
    const wire: WireEvent[] = events.map((e) => ({
      id: e.id,
      cardKey: e.cardKey,
      type: e.type,
      at: e.at,
      deviceId: e.deviceId,
      payload: e.payload as Record<string, unknown>,
    }));
    return this.request<PushResponse>('POST', '/v1/events', { events: wire });
  }

  pull(after: number, limit: number): Promise<PullResponse> {
    return this.request<PullResponse>('GET', `/v1/events?after=${after}&limit=${limit}`);
  }

  tokens(): Promise<TokenInfo[]> {
    return this.request<TokenInfo[]>('GET', '/v1/tokens');
  }

  revoke(tokenId: string): Promise<void> {
    return this.request<void>('DELETE', `/v1/tokens/${encodeURIComponent(tokenId)}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.server.endsWith('/') ? this.server : `${this.server}/`);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new SyncError(
        'unreachable',
        `cannot reach the sync server at ${this.server}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new SyncError(
        'bad-response',
        `the sync server at ${this.server} answered ${response.status} with something that is not JSON`,
      );
    }
    if (response.ok) return json as T;
    const message = (json as { error?: string } | undefined)?.error ?? response.statusText;
    if (response.status === 401)
      throw new SyncError('unauthorized', `the sync server refused the login: ${message}`);
    if (response.status === 409)
      throw new SyncError(
        'conflict',
        `the server holds different events under the same ids (${(json as ConflictResponse).conflicts?.join(', ')})`,
      );
    if (response.status === 429) throw new SyncError('rate-limited', `too many attempts: ${message}`);
    throw new SyncError('server-error', `the sync server answered ${response.status}: ${message}`);
  }
}
