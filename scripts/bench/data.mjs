// Deterministic synthetic data for the benchmarks: a deck tree of 10k cards in 100 markdown
// files, and a review history of ~1M events from two simulated years of daily sessions.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';

export const DECKS = 100;
export const CARDS_PER_DECK = 100;
export const DAY = 86_400_000;
export const START = Date.parse('2024-01-01T08:00:00Z');
export const DAYS = 730;

/** A small seeded generator (mulberry32), so every run writes the same data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['basic', 'basic', 'basic', 'typed', 'open', 'choice'];

function card(rand, d, c) {
  const kind = KINDS[Math.floor(rand() * KINDS.length)];
  const id = `q${c}`;
  const head = `## Question ${c} of deck ${d}: what does \`thing-${d}-${c}\` do? {#${id}}\n`;
  const fields =
    kind === 'basic' ? 'tags: intern\n' : `kind: ${kind}\ntags: ${rand() < 0.8 ? 'intern' : 'stretch'}\n`;
  const body =
    rand() < 0.3
      ? `\nGiven this code:\n\n\`\`\`ts\nfunction f${c}(x: number) {\n  return x * ${c};\n}\n\`\`\`\n`
      : '';
  const answer = `\n### Answer\nIt multiplies **x** by ${c}, so repeated calls with the same input give the same result.\n`;
  const why = `\n### Why it matters\nCard ${c} of deck ${d} is about determinism.\n`;
  if (kind === 'typed') return `${head}${fields}${body}\n### Accept\n- ${c}\n- \`${c}\`\n${answer}${why}`;
  if (kind === 'choice')
    return `${head}${fields}${body}\n### Options\n- [x] multiplies\n- [ ] divides\n- [ ] adds\n${answer}`;
  if (kind === 'open')
    return `${head}${fields}${body}\n### Rubric\n- names the input\n- names the factor ${c}\n- says it is pure\n${answer}${why}\n### Common mistake\nCalling it random.\n`;
  return `${head}${fields}${body}${answer}${why}`;
}

/** Writes 100 deck files (in 10 sub-folders) with 10k cards; returns the folder. */
export function writeDeckTree(dir) {
  const rand = rng(42);
  for (let d = 1; d <= DECKS; d++) {
    const folder = path.join(dir, `area-${Math.ceil(d / 10)}`);
    mkdirSync(folder, { recursive: true });
    const cards = Array.from({ length: CARDS_PER_DECK }, (_, i) => card(rand, d, i + 1));
    writeFileSync(
      path.join(folder, `deck-${d}.md`),
      `---\nid: deck-${d}\ntitle: Synthetic deck ${d}\ndescription: Generated for benchmarks.\ntags: [bench]\n---\n\n${cards.join('\n')}`,
    );
  }
  return dir;
}

/**
 * Writes one big deck file of `cards` cards (~330 bytes each: 16k cards make ~5 MB), the shape a
 * whole imported Anki collection takes; returns the file's path.
 */
export function writeHugeDeck(dir, cards = 16_000) {
  const rand = rng(7);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'huge.md');
  const body = Array.from({ length: cards }, (_, i) => card(rand, 1, i + 1));
  writeFileSync(file, `---\nid: huge\ntitle: One huge deck\ntags: [bench]\n---\n\n${body.join('\n')}`);
  return file;
}

/** The scheduler the history was generated with (kept short so two years reach ~1M answers). */
export const HISTORY_MAX_INTERVAL = 5;

/** The ts-fsrs scheduler the history is generated with (and the rebuild's baseline replays with). */
export function historyScheduler() {
  return fsrs(
    generatorParameters({
      request_retention: 0.9,
      maximum_interval: HISTORY_MAX_INTERVAL,
      enable_fuzz: true,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
    }),
  );
}

/**
 * Two years of daily sessions: 14 new cards a day in deck order, each card answered whenever it
 * is due (ratings: 15% again, 25% hard, 55% good, 5% easy), through real ts-fsrs. Hands each
 * event (a grill review event) to `onEvent`, card by card, each card's in time order; returns how many.
 */
export function generateHistory(deviceId, onEvent) {
  const scheduler = historyScheduler();
  const rand = rng(7);
  const keys = [];
  for (let d = 1; d <= DECKS; d++) for (let c = 1; c <= CARDS_PER_DECK; c++) keys.push(`deck-${d}/q${c}`);
  const end = START + DAYS * DAY;
  let count = 0;
  let seq = 0;
  keys.forEach((key, i) => {
    let at = START + Math.floor(i / 14) * DAY + Math.floor(rand() * 3_600_000);
    let card = createEmptyCard(at);
    while (at < end) {
      const r = rand();
      const rating = r < 0.15 ? 1 : r < 0.4 ? 2 : r < 0.95 ? 3 : 4;
      const next = scheduler.next(card, at, rating).card;
      onEvent({
        id: uuid7(at, seq++),
        cardKey: key,
        type: 'review',
        at,
        deviceId,
        payload: { rating, durationMs: 3000 + Math.floor(rand() * 20000) },
      });
      count++;
      card = next;
      // The user comes back at the due time (or the next morning's session).
      at = Math.max(next.due.getTime(), at + 60_000);
    }
  });
  return count;
}

/** A UUIDv7-shaped id for a time and a counter (unique, time-ordered). */
export function uuid7(ms, n) {
  const t = ms.toString(16).padStart(12, '0');
  const c = n.toString(16).padStart(20, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(8, 20)}`;
}
