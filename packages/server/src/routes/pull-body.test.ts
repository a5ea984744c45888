import { Checker, PulledEventSchema, PullResponseSchema } from '@grill/protocol';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { bearer, event, events, type Harness, makeHarness, userWithToken } from '../test-support/helpers.js';

describeEachBackend('the pull response body (written without the schema serializer)', (backend) => {
  let h: Harness;
  let ann: string;
  beforeEach(async () => {
    h = await makeHarness({}, backend);
    ann = await userWithToken(h, 'ann');
  });
  afterEach(() => h.close());

  it('is the JSON the schema describes: fields in its order, no spaces, payloads as pushed, strings escaped', async () => {
    const batch = events(1, 3);
    batch[1] = event(2, {
      type: 'setting',
      cardKey: '@settings',
      payload: {
        value: ['1m', '10m'],
        key: 'learning-steps',
        hlc: `${'0'.repeat(15)}:000001:"é\\\u2028`,
        scope: '',
      },
    });
    await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: bearer(ann),
      payload: { events: batch },
    });
    for (const url of ['/v1/events?after=0&limit=2', '/v1/events?after=2', '/v1/events?after=9']) {
      const response = await h.app.inject({ method: 'GET', url, headers: bearer(ann) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const page = response.json() as { events: Record<string, unknown>[] };
      expect(new Checker(PullResponseSchema).first(page)).toBeNull();
      expect(response.body).toBe(JSON.stringify(page));
      expect(Object.keys(page)).toEqual(Object.keys(PullResponseSchema.properties));
      for (const e of page.events) expect(Object.keys(e)).toEqual(Object.keys(PulledEventSchema.properties));
    }
    const first = (
      await h.app.inject({ method: 'GET', url: '/v1/events?limit=3', headers: bearer(ann) })
    ).json() as { events: { payload: unknown }[] };
    expect(first.events.map((e) => JSON.stringify(e.payload))).toEqual(
      batch.map((e) => JSON.stringify(e.payload)),
    );
  });
});
