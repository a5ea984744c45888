/**
 * Hybrid logical clock stamps for settings: wall time in ms, a counter for changes within the
 * same ms (or when a clock lags behind one already seen), and the device id as tie-breaker.
 * Fixed-width, so comparing the strings compares the clocks.
 */
/**
 * The stamp of a default recorded on a machine's own (the collection's time zone, taken from
 * the machine that created the collection): earlier than any change a person made, so any such
 * change wins; among defaults, the one from the oldest collection (by creation day) wins, so a
 * machine that joins an existing collection through sync adopts its zone. Same format as nextHlc.
 */
export function defaultHlc(createdAt: number, deviceId: string): string {
  const day = Math.max(0, Math.floor(createdAt / 86_400_000));
  return `${'0'.repeat(15)}:${String(Math.max(0, 999_999 - day)).padStart(6, '0')}:${deviceId}`;
}

export function nextHlc(lastSeen: string, now: number, deviceId: string): string {
  const [wallText = '0', counterText = '0'] = lastSeen.split(':');
  const lastWall = Number(wallText) || 0;
  const wall = Math.max(now, lastWall);
  const counter = wall === lastWall && lastSeen !== '' ? Number(counterText) + 1 : 0;
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${deviceId}`;
}
