import { MAX_PAYLOAD_BYTES } from '@grill/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, event, events, type Harness, makeHarness, userWithToken } from '../test-support/helpers.js';

describe('bad requests to /v1/events', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness({ bodyLimit: 256 * 1024 });
    token = await userWithToken(h, 'ann');
  });
  afterEach(() => h.close());

  const pushRaw = (payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  const { id: _id, ...withoutId } = event(1);
  it.each([
    ['no body field', {}, 'body/events is required'],
    ['events not an array', { events: 'x' }, 'body/events must be array'],
    ['an empty batch', { events: [] }, 'body/events must NOT have fewer than 1 items'],
    ['a missing id', { events: [event(0), withoutId] }, 'body/events/1/id is required'],
    ['at as a string', { events: [{ ...event(1), at: '5' }] }, 'body/events/0/at must be integer'],
    ['a fractional at', { events: [{ ...event(1), at: 1.5 }] }, 'body/events/0/at must be integer'],
    ['a negative at', { events: [{ ...event(1), at: -1 }] }, 'body/events/0/at must be >= 0'],
    [
      'an unknown type',
      { events: [{ ...event(1), type: 'delete' }] },
      /^body\/events\/0\/type must be one of: review,/,
    ],
    ['a non-UUID id', { events: [{ ...event(1), id: 'abc' }] }, /^body\/events\/0\/id must match/],
    [
      'a urn-prefixed id',
      { events: [{ ...event(1), id: `urn:uuid:${event(1).id}` }] },
      /^body\/events\/0\/id must match/,
    ],
    [
      'an uppercase id',
      { events: [{ ...event(0xabc), id: event(0xabc).id.toUpperCase() }] },
      /^body\/events\/0\/id must match/,
    ],
    [
      'a long card key',
      { events: [{ ...event(1), cardKey: 'k'.repeat(201) }] },
      'body/events/0/cardKey must NOT have more than 200 characters',
    ],
    ['an array payload', { events: [{ ...event(1), payload: [1] }] }, 'body/events/0/payload must be object'],
    ['a null payload', { events: [{ ...event(1), payload: null }] }, 'body/events/0/payload must be object'],
    ['an unknown field', { events: [{ ...event(1), seq: 3 }] }, 'body/events/0/seq is not an accepted field'],
  ])('rejects %s with 400 naming the field', async (_name, payload, message) => {
    const response = await pushRaw(payload);
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as { error: string };
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
  });

  it('rejects more than 1000 events', async () => {
    const response = await pushRaw({ events: events(1, 1001) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'body/events must NOT have more than 1000 items' });
  });

  it('accepts exactly 1000 events and a payload of exactly the limit', async () => {
    const response = await pushRaw({ events: events(1, 1000) });
    expect(response.json()).toMatchObject({ accepted: 1000, duplicates: 0 });
    const shell = '{"rating":3,"durationMs":0,"detail":{"typed":""}}';
    const fits = {
      rating: 3,
      durationMs: 0,
      detail: { typed: 'x'.repeat(MAX_PAYLOAD_BYTES - shell.length) },
    };
    expect((await pushRaw({ events: [event(5000, { payload: fits })] })).statusCode).toBe(200);
  });

  it('rejects a payload over 4096 bytes serialized (multi-byte characters count as bytes)', async () => {
    const big = { rating: 3, durationMs: 0, detail: { typed: 'é'.repeat(2100) } };
    const response = await pushRaw({ events: [event(1), event(2, { payload: big })] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'body/events/1/payload must be at most 4096 bytes serialized',
    });
    const pull = await h.app.inject({ method: 'GET', url: '/v1/events', headers: bearer(token) });
    expect(pull.json().events).toEqual([]);
  });

  it('rejects a body over the limit with 413', async () => {
    const response = await pushRaw({ events: [event(1)], padding: 'x'.repeat(300 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'body is larger than the 262144-byte limit' });
  });

  it('rejects a body that is not JSON', async () => {
    const broken = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"events": [',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatch(/not valid JSON/);
    const text = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...bearer(token), 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: 'body must be JSON (content-type: application/json)' });
  });

  it.each([
    ['?after=-1', 'querystring/after must be >= 0'],
    ['?after=abc', 'querystring/after must be integer'],
    ['?limit=0', 'querystring/limit must be >= 1'],
    ['?limit=1001', 'querystring/limit must be <= 1000'],
    ['?limit=2.5', 'querystring/limit must be integer'],
    ['?cursor=1', 'querystring/cursor is not an accepted field'],
  ])('rejects the pull query %s naming the parameter', async (query, message) => {
    const response = await h.app.inject({ method: 'GET', url: `/v1/events${query}`, headers: bearer(token) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: message });
  });
});
