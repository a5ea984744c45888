/**
 * Hybrid logical clock stamps for settings: `wall:counter:device` — wall time in ms (15 digits),
 * a counter (6 digits) for changes within the same ms or while a clock lags behind one already
 * seen, and the device id as tie-breaker. Compare stamps with compareHlc, never as plain text.
 */

const MAX_COUNTER = 999_999;

/**
 * The stamp of a default recorded on a machine's own (the collection's time zone, taken from
 * the machine that created the collection): earlier than any change a person made, so any such
 * change wins; among defaults, the one from the oldest collection (by creation day) wins, so a
 * machine that joins an existing collection through sync adopts its zone. Same format as nextHlc.
 */
export function defaultHlc(createdAt: number, deviceId: string): string {
  const day = Math.max(0, Math.floor(createdAt / 86_400_000));
  return format(0, Math.max(0, MAX_COUNTER - day), deviceId);
}

function format(wall: number, counter: number, deviceId: string): string {
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${deviceId}`;
}

function parse(stamp: string): { wall: number; counter: number; device: string } {
  const [wall = '0', counter = '0', ...device] = stamp.split(':');
  return { wall: Number(wall) || 0, counter: Number(counter) || 0, device: device.join(':') };
}

/** Orders two stamps: by wall time, then counter (as numbers), then device id; '' is before all. */
export function compareHlc(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? -1 : 1;
  const x = parse(a);
  const y = parse(b);
  return x.wall - y.wall || x.counter - y.counter || (x.device < y.device ? -1 : x.device > y.device ? 1 : 0);
}

/**
 * The stamp for a change made now, after every stamp seen (`lastSeen`, '' for none). The counter
 * never passes 999999: past it, the wall time moves on by a millisecond instead, so a stamp stays
 * fixed-width and later than the last.
 */
export function nextHlc(lastSeen: string, now: number, deviceId: string): string {
  const last = parse(lastSeen);
  let wall = Math.max(now, last.wall);
  let counter = wall === last.wall && lastSeen !== '' ? last.counter + 1 : 0;
  if (counter > MAX_COUNTER) {
    wall++;
    counter = 0;
  }
  return format(wall, counter, deviceId);
}
