/**
 * Whether `hostname` (as `URL.hostname` gives it) names this machine: `localhost`, 127.0.0.0/8,
 * `::1`, or an IPv4-mapped loopback address. Plain `http://` to such a host never crosses a network.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // ::ffff:127.0.0.1 comes out of the URL parser as ::ffff:7f00:1.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}
