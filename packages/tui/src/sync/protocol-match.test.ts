import * as client from '@grill/core';
import * as server from '@grill/server';
import { describe, expect, expectTypeOf, it } from 'vitest';

// The server keeps its own TypeBox copy of the wire protocol (it validates requests with it);
// this test keeps the copy and core's definition in step.
describe('sync protocol', () => {
  it('has the same limits and event types on both sides', () => {
    expect(server.WIRE_EVENT_TYPES).toEqual(client.WIRE_EVENT_TYPES);
    const limits = (p: typeof client | typeof server) => [
      p.MAX_PUSH_BATCH,
      p.MAX_PULL_LIMIT,
      p.DEFAULT_PULL_LIMIT,
      p.MAX_CARD_KEY_LENGTH,
      p.MAX_PAYLOAD_BYTES,
    ];
    expect(limits(server)).toEqual(limits(client));
  });

  it('has the same message shapes on both sides', () => {
    expectTypeOf<server.WireEvent>().toEqualTypeOf<client.WireEvent>();
    expectTypeOf<server.PulledEvent>().toEqualTypeOf<client.PulledEvent>();
    expectTypeOf<server.LoginResponse>().toEqualTypeOf<client.LoginResponse>();
    expectTypeOf<server.PushResponse>().toEqualTypeOf<client.PushResponse>();
    expectTypeOf<server.PullResponse>().toEqualTypeOf<client.PullResponse>();
    expectTypeOf<server.TokenInfo>().toEqualTypeOf<client.TokenInfo>();
  });
});
