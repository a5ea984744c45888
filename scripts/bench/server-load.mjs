// Load generator for the `server-push` case, run as its own process so it does not share an
// event loop with the server: autocannon, loopback only, bounded duration.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const [url, token, seconds, connections, mode] = process.argv.slice(2);
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  method: mode === 'push' ? 'POST' : 'GET',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'grill-protocol': '2' },
  requests: [
    {
      setupRequest: (req) =>
        mode === 'push'
          ? {
              ...req,
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
          : req,
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
