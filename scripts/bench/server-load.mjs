// Load generator for the `server-push` case, run as its own process so it does not share an
// event loop with the server: autocannon, loopback only, bounded duration. The protocol version
// sent is the one the server speaks (a stale one is answered 426, not measured as a push).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { PROTOCOL_VERSION } from '../../packages/protocol/dist/limits.js';

const [url, tokenList, seconds, connections, mode] = process.argv.slice(2);
// Several users' tokens (comma-separated): each request goes as the next user, as many students would.
const tokens = tokenList.split(',');
let next = 0;
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  method: mode === 'push' ? 'POST' : 'GET',
  headers: { 'content-type': 'application/json', 'grill-protocol': String(PROTOCOL_VERSION) },
  requests: [
    {
      setupRequest: (req) => {
        const headers = { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` };
        return mode === 'push'
          ? {
              ...req,
              headers,
              body: JSON.stringify({
                events: [
                  {
                    id: randomUUID(),
                    cardKey: 'deck-1/q1',
                    type: 'review',
                    at: Date.now(),
                    deviceId: 'bench',
                    payload: { rating: 3, durationMs: 1000 },
                  },
                ],
              }),
            }
          : { ...req, headers };
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  }),
);
