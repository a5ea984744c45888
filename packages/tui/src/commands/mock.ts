import { drill } from './drill.js';
import { parseMockOptions } from './mock-options.js';

/** grill mock: a mock interview in the drill's terminal UI (see drill.ts, ui/mock-session.ts). */
export async function mock(opts: {
  minutes?: string;
  perCard?: string;
  deck?: string;
  tag?: string;
}): Promise<void> {
  const options = parseMockOptions(opts);
  await drill({
    ...(opts.deck ? { deck: opts.deck } : {}),
    ...(opts.tag !== undefined ? { tag: opts.tag } : {}),
    mock: options,
  });
}
