import { bundledContentDir, CARD_KINDS, loadDecks } from '@grill/core';
import { formatProblem, printJson } from '../output.js';

export function decks(paths: string[], opts: { json?: boolean }): void {
  const loaded = loadDecks(paths.length > 0 ? paths : [bundledContentDir()]);
  const rows = loaded.flatMap((d) => {
    if (!d.deck) return [];
    const kinds = Object.fromEntries(CARD_KINDS.map((k) => [k, d.cards.filter((c) => c.kind === k).length]));
    return [
      {
        id: d.deck.id,
        title: d.deck.title,
        file: d.deck.file,
        cards: d.cards.length,
        kinds,
        problems: d.problems.length,
      },
    ];
  });
  if (opts.json) {
    printJson(rows);
    return;
  }
  for (const p of loaded.flatMap((d) => d.problems)) process.stderr.write(`${formatProblem(p)}\n`);
  const width = Math.max(4, ...rows.map((r) => r.id.length));
  process.stdout.write(`${'deck'.padEnd(width)}  cards  basic choice typed  open  title\n`);
  for (const r of rows) {
    const k = r.kinds as Record<string, number>;
    process.stdout.write(
      `${r.id.padEnd(width)}  ${String(r.cards).padStart(5)}  ${CARD_KINDS.map((kind) => String(k[kind]).padStart(5)).join(' ')}  ${r.title}\n`,
    );
  }
}
