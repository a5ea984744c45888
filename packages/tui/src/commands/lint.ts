import { readFileSync, writeFileSync } from 'node:fs';
import { findDeckFiles, terminalSafe } from '@grill/core';
import { fixMissingIds, loadDecks } from '@grill/core/parse';
import { formatProblem, printJson } from '../output.js';
import { bundledContentDir } from '../paths.js';

export function lint(paths: string[], opts: { fix?: boolean; json?: boolean }): void {
  const targets = paths.length > 0 ? paths : [bundledContentDir()];
  if (opts.fix) {
    for (const file of findDeckFiles(targets)) {
      const before = readFileSync(file, 'utf8');
      const { text, added } = fixMissingIds(before);
      if (added > 0) {
        writeFileSync(file, text);
        process.stderr.write(`${terminalSafe(file)}: added ${added} card id${added === 1 ? '' : 's'}\n`);
      }
    }
  }
  const decks = loadDecks(targets);
  const problems = decks.flatMap((d) => d.problems);
  if (opts.json) printJson(problems);
  else {
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    const cards = decks.reduce((n, d) => n + d.cards.length, 0);
    const summary =
      problems.length === 0
        ? `${decks.length} deck${decks.length === 1 ? '' : 's'}, ${cards} card${cards === 1 ? '' : 's'}: no problems`
        : `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${decks.filter((d) => d.problems.length > 0).length} of ${decks.length} files`;
    process.stdout.write(`${summary}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}
