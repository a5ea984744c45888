import { CARD_KINDS, dailyQueue } from '@grill/core';
import { withGrill } from '../context.js';
import { formatProblem, printJson, printText } from '../output.js';
import { bundledContentDir } from '../paths.js';

interface DeckListing {
  id: string;
  title: string;
  file: string;
  cards: number;
  kinds: Record<string, number>;
  /** Debugging scenarios: open cards tagged `scenario`. */
  scenarios: number;
  due?: { learning: number; review: number; new: number };
}

/** Decks in the database (or, given paths, read straight from the files). */
export async function decks(paths: string[], opts: { json?: boolean }): Promise<void> {
  const rows = paths.length > 0 ? await fromFiles(paths) : await fromDatabase();
  if (opts.json) {
    printJson(rows);
    return;
  }
  const width = Math.max(4, ...rows.map((r) => r.id.length));
  // A column per kind, as wide as its name (and at least 5).
  const column = (kind: string, text: string) => text.padStart(Math.max(5, kind.length));
  printText(`${'deck'.padEnd(width)}  cards  ${CARD_KINDS.map((k) => column(k, k)).join(' ')}  title`);
  for (const r of rows) {
    const kinds = CARD_KINDS.map((kind) => column(kind, String(r.kinds[kind] ?? 0))).join(' ');
    printText(`${r.id.padEnd(width)}  ${String(r.cards).padStart(5)}  ${kinds}  ${r.title}`);
  }
}

async function fromFiles(paths: string[]): Promise<DeckListing[]> {
  const { loadDecks } = await import('@grill/core/parse');
  const loaded = loadDecks(paths.length > 0 ? paths : [bundledContentDir()]);
  for (const p of loaded.flatMap((d) => d.problems)) process.stderr.write(`${formatProblem(p)}\n`);
  return loaded.flatMap((d) =>
    d.deck
      ? [
          {
            id: d.deck.id,
            title: d.deck.title,
            file: d.deck.file,
            cards: d.cards.length,
            kinds: Object.fromEntries(CARD_KINDS.map((k) => [k, d.cards.filter((c) => c.kind === k).length])),
            scenarios: d.cards.filter((c) => c.kind === 'open' && c.tags.includes('scenario')).length,
          },
        ]
      : [],
  );
}

function fromDatabase(): Promise<DeckListing[]> {
  return withGrill((grill, now) => {
    const counts = grill.cardCounts();
    const scenarios = grill
      .cardsWithTag('scenario')
      .filter((card) => card.kind === 'open')
      .map((card) => card.key);
    const due = new Map(dailyQueue(grill, now).perDeck.map((d) => [d.deckId, d]));
    return grill.decks().map((d) => {
      const kinds = Object.fromEntries(
        CARD_KINDS.map((k) => [k, counts.find((c) => c.deckId === d.id && c.kind === k)?.n ?? 0]),
      );
      const q = due.get(d.id);
      return {
        id: d.id,
        title: d.title,
        file: d.sourcePath,
        cards: Object.values(kinds).reduce((a, b) => a + b, 0),
        kinds,
        scenarios: scenarios.filter((key) => key.startsWith(`${d.id}/`)).length,
        due: { learning: q?.learning ?? 0, review: q?.review ?? 0, new: q?.new ?? 0 },
      };
    });
  });
}
