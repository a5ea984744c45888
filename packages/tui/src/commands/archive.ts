// `grill export` (the whole home as one archive, or the review log as the FSRS optimizer's CSV)
// and `grill import-archive` (an archive into an empty home).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeckProblemsError, Grill, InvalidInputError, revlogCsv } from '@grill/core';
import { exportArchive, readArchive, restoreArchive } from '@grill/core/parse';
import { clockNow, withGrill } from '../context.js';
import { count, formatProblem, printJson, printText } from '../output.js';
import { bundledContentDir, grillHome } from '../paths.js';
import { checkNewFile, writeFileAtomically } from '../write-file.js';

export interface ExportOptions {
  out?: string;
  revlogCsv?: boolean;
  force?: boolean;
  json?: boolean;
}

/** `grill export [--out FILE] [--revlog-csv] [--force] [--json]`. */
export async function exportCommand(opts: ExportOptions): Promise<void> {
  await withGrill(async (grill, now) => {
    const day = new Date(now).toISOString().slice(0, 10);
    const out = opts.out ?? (opts.revlogCsv ? `grill-revlog-${day}.csv` : `grill-${day}.zip`);
    if (out !== '-') checkNewFile(out, opts.force);
    if (opts.revlogCsv) {
      const { lines, cardIds } = revlogCsv(grill);
      const text = [...lines].join('');
      if (out === '-') return void process.stdout.write(text);
      writeFileAtomically(out, text);
      const answers = text.split('\n').length - 2;
      if (opts.json) return printJson({ file: path.resolve(out), answers, cards: cardIds.size });
      return printText(
        `wrote ${out}: ${count(answers, 'answer')} on ${count(cardIds.size, 'card')} (the FSRS optimizer’s CSV)`,
      );
    }
    const content = path.resolve(bundledContentDir());
    const archive = exportArchive(grill, now, (deck) => isInside(path.resolve(deck.sourcePath), content));
    for (const warning of archive.warnings) process.stderr.write(`grill: warning: ${warning}\n`);
    if (out === '-') return void process.stdout.write(archive.bytes);
    writeFileAtomically(out, archive.bytes);
    const { decks, events } = archive.manifest;
    if (opts.json) return printJson({ file: path.resolve(out), decks, events, warnings: archive.warnings });
    printText(
      `wrote ${out}: ${count(decks.length, 'deck')} of your own, ${count(events, 'event')} (every answer and setting; the bundled decks come with grill)`,
    );
  });
}

export interface ImportArchiveOptions {
  decksDir?: string;
  json?: boolean;
}

/** `grill import-archive FILE [--decks-dir DIR] [--json]`: into an empty home only. */
export function importArchiveCommand(file: string, opts: ImportArchiveOptions): void {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InvalidInputError(
      'bad-archive',
      `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const archive = readArchive(bytes, file);
  const now = clockNow();
  const home = grillHome();
  // Opened without the usual first steps (the bundled decks, the time zone): the archive's own
  // settings come first, and the next command brings the bundled decks in.
  const grill = Grill.open(home);
  try {
    const decksDir = path.resolve(opts.decksDir ?? path.join(home, 'decks'));
    let restored: ReturnType<typeof restoreArchive>;
    try {
      restored = restoreArchive(grill, archive, decksDir, now);
    } catch (error) {
      // Each problem of the archive's deck files at its file:line:col, as grill import prints them.
      if (error instanceof DeckProblemsError)
        for (const p of error.problems) process.stdout.write(`${formatProblem(p)}\n`);
      throw error;
    }
    if (opts.json) {
      printJson({ decksDir, decks: restored.decks.map((d) => d.deckId), events: restored.events });
      return;
    }
    printText(
      `restored ${count(restored.events, 'event')} and ${count(restored.decks.length, 'deck')} of your own${restored.decks.length > 0 ? ` (files in ${decksDir})` : ''}`,
    );
  } finally {
    grill.close();
  }
}

const isInside = (file: string, dir: string) => !path.relative(dir, file).startsWith('..');
