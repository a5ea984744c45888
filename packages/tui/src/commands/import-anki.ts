// `grill import-anki FILE [--out DIR] [--with-history] [--force] [--json]`: an Anki package as deck
// files, imported. Core reads the package and does the work (importAnki); this prints.
import path from 'node:path';
import { type AnkiImportResult, importAnki, readAnkiPackage } from '@grill/core/anki';
import { withGrill } from '../context.js';
import { count, printJson, printText } from '../output.js';
import { grillHome } from '../paths.js';
import { formatSummary } from './import.js';

export interface ImportAnkiOptions {
  out?: string;
  withHistory?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function importAnkiCommand(file: string, opts: ImportAnkiOptions): Promise<void> {
  // Read first: a package that cannot be read stops the command before anything is opened or written.
  const col = readAnkiPackage(file);
  const packageName = path.basename(file).replace(/\.(?:apkg|colpkg)$/i, '') || 'package';
  const dir = path.resolve(opts.out ?? path.join(grillHome(), 'anki', packageName));
  await withGrill(async (grill, now) => {
    const result = await importAnki(
      grill,
      col,
      { dir, packageName, withHistory: opts.withHistory === true, force: opts.force === true },
      now,
    );
    if (opts.json) return printJson(result);
    for (const warning of result.warnings) process.stderr.write(`grill: warning: ${warning}\n`);
    printReport(result, file);
  });
}

function printReport(r: AnkiImportResult, file: string): void {
  for (const deck of r.decks) printText(formatSummary(deck));
  const media =
    r.media.copied.length + r.media.missing.length > 0
      ? `; media: ${r.media.copied.length} copied to ${path.join(r.dir, 'media')}${r.media.missing.length > 0 ? `, ${r.media.missing.length} missing` : ''}`
      : '';
  printText(
    `imported ${file}: ${count(r.decks.length, 'deck')}, ${count(r.notes, 'note')}, ${count(r.cards, 'card')} (files in ${r.dir})${media}`,
  );
  if (r.history) {
    const { converted, skipped, added } = r.history;
    printText(
      `history: ${count(converted, 'answer')} converted (${added} new), ${skipped} skipped (manual or rescheduled entries, or of cards not imported)`,
    );
  }
}
