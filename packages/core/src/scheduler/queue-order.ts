/** Pure ordering rules of the daily queue. */

/** Spreads `extra` evenly among `base`: with 6 reviews and 2 new cards, R R N R R N R R. */
export function interleave<T>(base: readonly T[], extra: readonly T[]): T[] {
  if (extra.length === 0) return [...base];
  if (base.length === 0) return [...extra];
  const out: T[] = [];
  const gap = base.length / (extra.length + 1);
  let next = 0;
  base.forEach((item, i) => {
    out.push(item);
    while (next < extra.length && i + 1 >= Math.round(gap * (next + 1))) out.push(extra[next++] as T);
  });
  while (next < extra.length) out.push(extra[next++] as T);
  return out;
}

/**
 * Takes up to `total` items across groups, round-robin, each group in its own order and capped
 * by its own allowance: new cards come from every deck, fundamentals (file order) first.
 */
export function roundRobin<T>(
  groups: ReadonlyMap<string, readonly T[]>,
  allowance: (group: string) => number,
  total: number,
): T[] {
  const taken = new Map<string, number>();
  const out: T[] = [];
  let progressed = true;
  while (out.length < total && progressed) {
    progressed = false;
    for (const [group, items] of groups) {
      const n = taken.get(group) ?? 0;
      if (n >= items.length || n >= allowance(group) || out.length >= total) continue;
      out.push(items[n] as T);
      taken.set(group, n + 1);
      progressed = true;
    }
  }
  return out;
}
