import { type DeckImportSummary, DeckProblemsError, Grill } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { clockNow } from '../context.js';
import { formatProblem, printJson, printText } from '../output.js';
import { bundledContentDir, grillHome } from '../paths.js';

export function importCommand(paths: string[], opts: { json?: boolean }): void {
  const now = clockNow();
  const grill = Grill.open(grillHome());
  try {
    const summaries = importPaths(grill, paths.length > 0 ? paths : [bundledContentDir()], now);
    if (opts.json) printJson(summaries);
    else for (const s of summaries) printText(formatSummary(s));
  } catch (error) {
    if (error instanceof DeckProblemsError) {
      for (const p of error.problems) process.stdout.write(`${formatProblem(p)}\n`);
    }
    throw error;
  } finally {
    grill.close();
  }
}

export function formatSummary(s: DeckImportSummary): string {
  const parts = [
    `${s.added} added`,
    `${s.updated} updated`,
    `${s.unchanged} unchanged`,
    `${s.retired} retired`,
  ];
  if (s.restored > 0) parts.push(`${s.restored} restored`);
  const moved = s.previousFile
    ? `\n  note: deck "${s.deckId}" was imported from ${s.previousFile}; it now follows ${s.file}`
    : '';
  return `${s.deckId.padEnd(22)} ${parts.join(', ')}${moved}`;
}
