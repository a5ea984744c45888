import { dailyQueue } from '@grill/core';
import { withGrill } from '../context.js';

export function drill(opts: { deck?: string; tag?: string; limit?: string }): Promise<void> {
  return withGrill((grill, now) => {
    const q = dailyQueue(grill, now, {
      ...(opts.deck ? { deck: opts.deck } : {}),
      ...(opts.tag ? { tag: opts.tag } : {}),
    });
    process.stdout.write(
      `${q.entries.length} cards ready. The interactive drill is not built yet; use grill next / grill review.\n`,
    );
  });
}
