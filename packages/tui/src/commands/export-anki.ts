// `grill export-anki [DECK...] --out FILE.apkg [--force] [--json]`: decks as an Anki package. The engine
// gathers the notes (ankiExport) and core writes the package; this writes the file.
import path from 'node:path';
import { InvalidInputError } from '@grill/core';
import { ankiExport, writeAnkiPackage } from '@grill/core/anki';
import { withGrill } from '../context.js';
import { count, printJson, printText } from '../output.js';
import { checkNewFile, writeFileAtomically } from '../write-file.js';

export interface ExportAnkiOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

export function exportAnki(deckIds: string[], opts: ExportAnkiOptions): Promise<void> {
  const out = path.resolve(opts.out);
  if (path.extname(out).toLowerCase() !== '.apkg')
    throw new InvalidInputError('bad-out', `--out ${opts.out}: name a .apkg file, the kind Anki imports`);
  checkNewFile(opts.out, opts.force);
  return withGrill(async (grill, now) => {
    const { data, decks } = await ankiExport(grill, deckIds);
    writeFileAtomically(out, writeAnkiPackage(data, { now }));
    const notes = data.notes.length;
    const cards = data.cards.length;
    if (opts.json) return printJson({ file: out, decks, notes, cards });
    for (const d of decks)
      printText(`${d.deckId.padEnd(22)} ${count(d.notes, 'note')}, ${count(d.cards, 'card')}  → ${d.name}`);
    printText(
      `wrote ${out}: ${count(decks.length, 'deck')}, ${count(notes, 'note')}, ${count(cards, 'card')}`,
    );
  });
}
