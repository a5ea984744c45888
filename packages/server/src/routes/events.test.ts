import type { PulledEvent, WireEvent } from '@grill/protocol';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../test-support/backends.js';
import { bearer, event, events, type Harness, makeHarness, userWithToken } from '../test-support/helpers.js';

interface Page {
  events: PulledEvent[];
  next: number;
  more: boolean;
}

describeEachBackend('POST and GET /v1/events', (backend) => {
  let h: Harness;
  let ann: string;
  beforeEach(async () => {
    h = await makeHarness({}, backend);
    ann = await userWithToken(h, 'ann');
  });
  afterEach(() => h.close());

  const push = (token: string, batch: WireEvent[]) =>
    h.app.inject({ method: 'POST', url: '/v1/events', headers: bearer(token), payload: { events: batch } });
  const pull = async (token: string, query = ''): Promise<Page> => {
    const response = await h.app.inject({ method: 'GET', url: `/v1/events${query}`, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return response.json() as Page;
  };

  it('round-trips events exactly as pushed, with seq, and pages with next/more', async () => {
    const batch = events(1, 5);
    batch[0] = event(1, {
      type: 'setting',
      cardKey: '@settings',
      payload: { value: ['1m', '10m'], key: 'learning-steps', hlc: `${'0'.repeat(15)}:000001:é`, scope: '' },
    });
    batch[1] = event(2, { type: 'suspend', payload: {} });
    const pushed = await push(ann, batch);
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json()).toMatchObject({ accepted: 5, duplicates: 0 });

    const first = await pull(ann, '?after=0&limit=2');
    expect(first.events).toEqual(batch.slice(0, 2).map((e, i) => ({ ...e, seq: i + 1 })));
    // Key order too: the payload comes back as the client wrote it.
    expect(JSON.stringify(first.events[0]?.payload)).toBe(JSON.stringify(batch[0]?.payload));
    expect(first).toMatchObject({ next: 2, more: true });
    const second = await pull(ann, `?after=${first.next}&limit=2`);
    expect(second.events.map((e) => e.seq)).toEqual([3, 4]);
    expect(second).toMatchObject({ next: 4, more: true });
    const last = await pull(ann, `?after=${second.next}&limit=2`);
    expect(last.events.map((e) => e.id)).toEqual([batch[4]?.id]);
    expect(last).toMatchObject({ next: 5, more: false });
    expect(await pull(ann, '?after=5')).toMatchObject({ events: [], next: 5, more: false });
    expect(await pull(ann, '?after=99')).toMatchObject({ events: [], next: 99, more: false });
    // Defaults: after=0, limit=500.
    const all = await pull(ann);
    expect(all.events).toHaveLength(5);
    expect(all).toMatchObject({ next: 5, more: false });
  });

  it('pages exactly at the limit: more is false when nothing remains', async () => {
    await push(ann, events(1, 4));
    expect(await pull(ann, '?limit=4')).toMatchObject({ next: 4, more: false });
    expect(await pull(ann, '?limit=3')).toMatchObject({ next: 3, more: true });
  });

  it('treats a resend as harmless: accepted 0, duplicates N, nothing stored twice', async () => {
    const batch = events(1, 3);
    await push(ann, batch);
    // Same content with the payload keys in another order is still the same event.
    const resend = batch.map((e) => ({
      ...e,
      payload: Object.fromEntries(Object.entries(e.payload).reverse()),
    }));
    const again = await push(ann, resend);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    const mixed = await push(ann, [...events(2, 2), event(4)]);
    expect(mixed.json()).toMatchObject({ accepted: 1, duplicates: 2 });
    const page = await pull(ann);
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(page.events.map((e) => e.id)).toEqual(events(1, 4).map((e) => e.id));
  });

  it('refuses a batch with a known id but different content: 409 with the ids, nothing stored', async () => {
    await push(ann, events(1, 2));
    const batch = [
      event(3),
      event(1, { payload: { rating: 1, durationMs: 0 } }),
      event(4),
      event(2, { at: 1 }),
    ];
    const response = await push(ann, batch);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: expect.stringMatching(/different content/),
      conflicts: [event(1).id, event(2).id],
    });
    const page = await pull(ann);
    expect(page.events.map((e) => e.id)).toEqual([event(1).id, event(2).id]);
    // No seq was used up by the refused batch.
    await push(ann, [event(3)]);
    expect((await pull(ann)).events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('isolates users: B never sees A’s events, and the same id pushed by B is B’s own', async () => {
    const bob = await userWithToken(h, 'bob');
    await push(ann, events(1, 3));
    expect(await pull(bob)).toMatchObject({ events: [], next: 0, more: false });
    expect(await pull(bob, '?after=0&limit=1000')).toMatchObject({ events: [] });
    // Same id, different content: not a conflict, because it is another user's log.
    const bobs = event(2, { deviceId: 'bobs-device', payload: { rating: 4, durationMs: 0 } });
    const response = await push(bob, [bobs]);
    expect(response.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await pull(bob)).events).toEqual([{ ...bobs, seq: 1 }]);
    const annsView = await pull(ann);
    expect(annsView.events.map((e) => e.deviceId)).toEqual(['device-a', 'device-a', 'device-a']);
    expect(annsView.events.find((e) => e.id === bobs.id)?.payload).toEqual(event(2).payload);
  });
});
