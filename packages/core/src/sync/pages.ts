import { type Problem, type PullResponse, pageProblem } from '@grill/protocol';
import { SyncError } from '../errors.js';
import type { GrillEvent } from '../scheduler/events.js';

/** What a sync needs from the server; the HTTP client implements it, and so can a test double. */
export interface SyncTransport {
  push(events: readonly GrillEvent[]): Promise<unknown>;
  pull(after: number, limit: number): Promise<unknown>;
}

/** Meta keys: where this machine stands with the server (the server's seq pulled up to, and its stream). */
export const CURSOR = 'sync.cursor';
export const STREAM = 'sync.stream';
/** The id of the pulled event at the cursor: the server must still have it there. */
export const ANCHOR = 'sync.anchor';

export function invalidResponse(problem: Problem | string): SyncError {
  const text =
    typeof problem === 'string'
      ? problem
      : `${problem.path.replace(/^\//, '') || 'the body'} ${problem.message}`;
  return new SyncError('bad-response', `the sync server sent an invalid response: ${text}`);
}

export function changedDuringSync(): SyncError {
  return new SyncError('stream-changed', 'the sync server changed during this sync: run grill sync again');
}

/** One page of `GET /v1/events?after&limit`, checked as a whole (a SyncError `bad-response` if unusable). */
export async function pullPage(
  transport: SyncTransport,
  after: number,
  limit: number,
): Promise<PullResponse> {
  const page = await transport.pull(after, limit);
  const problem = pageProblem(page, after, limit);
  if (problem) throw invalidResponse(problem);
  return page as PullResponse;
}
