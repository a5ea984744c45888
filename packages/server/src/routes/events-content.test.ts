import { MAX_CLOCK_AHEAD_MS, PROTOCOL_VERSION } from '@grill/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, event, type Harness, makeHarness, userWithToken } from '../test-support/helpers.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

// Every kind of invalid event content the server once accepted (and that then broke every
// device of the account): each is refused with a 400 naming the event's index and field, and
// nothing of the batch is stored.
describe('POST /v1/events checks every event, not only the envelope', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness({ now: () => NOW });
    token = await userWithToken(h, 'ann');
  });
  afterEach(() => h.close());

  const pushRaw = (body: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: body,
    });
  const push = (events: unknown[]) => pushRaw(JSON.stringify({ events }));
  const stored = async () =>
    (await h.app.inject({ method: 'GET', url: '/v1/events', headers: bearer(token) })).json().events;

  const review = (payload: unknown) => ({ ...event(2), payload });
  const setting = (key: string, value: unknown, extra: Record<string, unknown> = {}) => ({
    ...event(2),
    type: 'setting',
    cardKey: '@settings',
    payload: { scope: '', key, value, hlc: `${String(NOW).padStart(15, '0')}:000000:dev`, ...extra },
  });

  it.each([
    [
      'rating 99',
      review({ rating: 99, durationMs: 1 }),
      'payload/rating must be a rating from 1 (again) to 4 (easy)',
    ],
    ['rating "good"', review({ rating: 'good', durationMs: 1 }), 'payload/rating must be a rating from 1'],
    ['rating 0', review({ rating: 0, durationMs: 1 }), 'payload/rating must be a rating from 1'],
    ['a review without its rating', review({ durationMs: 1 }), 'payload/rating is required'],
    ['a missing payload', (({ payload: _p, ...e }) => e)(event(2)), 'payload is required'],
    [
      'an unknown payload field',
      review({ rating: 3, durationMs: 1, extra: 1 }),
      'payload/extra is not an accepted field',
    ],
    ['an unknown type', { ...event(2), type: 'delete' }, 'type must be one of: review, undo'],
    ['at = 8.7e15', { ...event(2), at: 8.7e15 }, 'at must be <= 253402300799999'],
    ['at as a string', { ...event(2), at: '1700000000000' }, 'at must be integer'],
    ['retention "abc"', setting('retention', 'abc'), 'payload/value must be a number from 0.7 to 0.99'],
    ['retention 2', setting('retention', 2), 'payload/value must be a number from 0.7 to 0.99'],
    ['an unknown setting', setting('colour', 'red'), 'payload/key is not a setting'],
    [
      'learning steps out of order',
      setting('learning-steps', ['10m', '1m']),
      'payload/value must be whole minutes',
    ],
    ['a time zone that is not IANA', setting('time-zone', 'local'), 'payload/value must be a time zone name'],
    ['a per-deck time zone', setting('time-zone', 'UTC', { scope: 'sql' }), "payload/scope must be ''"],
    [
      'a malformed settings clock',
      setting('retention', 0.9, { hlc: '1:2:3' }),
      'payload/hlc must be a settings clock',
    ],
    [
      'a setting filed under a card',
      { ...setting('retention', 0.9), cardKey: 'sql/joins' },
      'cardKey must be @settings',
    ],
    [
      'a review filed under @settings',
      { ...event(2), cardKey: '@settings' },
      'cardKey must be deckId/cardId',
    ],
    [
      'a card key with a lone surrogate',
      { ...event(2), cardKey: 'deck/\ud800x' },
      'cardKey must be well-formed Unicode',
    ],
    [
      'an undo of a non-id',
      { ...event(2), type: 'undo', payload: { target: 'x' } },
      'payload/target must be an event id',
    ],
    ['a bury without until', { ...event(2), type: 'bury', payload: {} }, 'payload/until is required'],
    [
      'a mock marker that is not a time',
      review({ rating: 3, durationMs: 1, detail: { covered: [0], mock: 'yes' } }),
      'payload/detail/mock must be an integer from 0 to 253402300799999',
    ],
    [
      'an unknown detail field',
      review({ rating: 3, durationMs: 1, detail: { covered: [0], mood: 'tired' } }),
      'payload/detail/mood is not an accepted field',
    ],
  ])('refuses %s with 400 naming the event and field, storing nothing', async (_name, bad, message) => {
    const response = await push([event(1), bad]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toContain(`body/events/1/${message}`);
    expect(['invalid-event', 'invalid-request']).toContain(response.json().code);
    expect(await stored()).toEqual([]);
  });

  it('answers a deeply nested payload with 400, not 500', async () => {
    const depth = 100_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const { payload: _payload, ...envelope } = event(1);
    const body = `{"events":[${JSON.stringify(envelope).slice(0, -1)},"payload":${nested}}]}`;
    const response = await pushRaw(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/^body\/events\/0\/payload/);
  });

  it('refuses an event stamped more than a few minutes ahead of its clock: 422 clock-ahead with its time', async () => {
    const ahead = { ...event(2), at: NOW + 2 * 3_600_000 + 5 * 60_000 };
    const response = await push([event(1), ahead]);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'clock-ahead', serverTime: NOW, index: 1 });
    expect(response.json().error).toMatch(/2 h 5 min ahead of the server's clock/);
    expect(await stored()).toEqual([]);
    // A settings clock stamped ahead is refused the same way (it would win over every change).
    const future = setting('retention', 0.9, {
      hlc: `${String(NOW + 86_400_000).padStart(15, '0')}:000000:d`,
    });
    expect((await push([{ ...future, at: NOW }])).statusCode).toBe(422);
    // Within the allowance is fine.
    expect((await push([{ ...event(3), at: NOW + MAX_CLOCK_AHEAD_MS }])).statusCode).toBe(200);
  });

  it('accepts every valid event kind', async () => {
    const batch = [
      event(1),
      { ...event(2), type: 'undo', payload: { target: event(1).id } },
      { ...event(3), type: 'suspend', payload: {} },
      { ...event(4), type: 'unsuspend', payload: {} },
      { ...event(5), type: 'bury', payload: { until: NOW } },
      { ...setting('learning-steps', ['1m', '10m']), id: event(6).id },
      { ...setting('retention', null), id: event(7).id },
      { ...event(8), type: 'reschedule', cardKey: '@settings', payload: { scope: 'sql' } },
      // An answer given in a mock interview (protocol 3): its marker is the interview's start.
      { ...event(9), payload: { rating: 3, durationMs: 5, detail: { covered: [0, 2], mock: NOW } } },
    ];
    const response = await push(batch);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 9, duplicates: 0, head: 9, headId: event(9).id });
  });

  it('refuses a client speaking another protocol version with 426 saying what to upgrade', async () => {
    const old = await h.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { authorization: bearer(token).authorization as string },
    });
    expect(old.statusCode).toBe(426);
    expect(old.json()).toMatchObject({ code: 'upgrade-client' });
    expect(old.json().error).toMatch(/upgrade grill$/);
    const newer = await h.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { ...bearer(token), 'grill-protocol': '99' },
    });
    expect(newer.statusCode).toBe(426);
    expect(newer.json().error).toMatch(/upgrade grill-server$/);
    expect(newer.headers['grill-protocol']).toBe(String(PROTOCOL_VERSION));
  });
});
