/**
 * Hybrid logical clock stamps for settings: wall time in ms, a counter for changes within the
 * same ms (or when a clock lags behind one already seen), and the device id as tie-breaker.
 * Fixed-width, so comparing the strings compares the clocks.
 */
export function nextHlc(lastSeen: string, now: number, deviceId: string): string {
  const [wallText = '0', counterText = '0'] = lastSeen.split(':');
  const lastWall = Number(wallText) || 0;
  const wall = Math.max(now, lastWall);
  const counter = wall === lastWall && lastSeen !== '' ? Number(counterText) + 1 : 0;
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${deviceId}`;
}
