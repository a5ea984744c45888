import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findDeckFiles, type Problem, terminalSafe } from '@grill/core';
import {
  displayPath,
  fixMissingIds,
  type LoadedDeck,
  loadDecks,
  nearestTagVocabulary,
  readTagVocabulary,
  TAG_VOCABULARY_FILE,
  type TagVocabulary,
  tagSyntaxWarnings,
  unknownTagWarnings,
} from '@grill/core/parse';
import { count, formatProblem, printJson } from '../output.js';
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
  const vocabularies = tagVocabularies(targets);
  const found = decks.map((d) => [...d.problems, ...vocabularies.warnings(d)]);
  const problems = [...vocabularies.problems, ...found.flat()];
  const errors = problems.filter((p) => p.severity !== 'warning');
  const warnings = problems.length - errors.length;
  if (opts.json) printJson(problems.map((p) => ({ severity: 'error', ...p })));
  else {
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    const cards = decks.reduce((n, d) => n + d.cards.length, 0);
    const warned = warnings > 0 ? `${count(warnings, 'warning')}` : '';
    const summary =
      errors.length === 0
        ? `${count(decks.length, 'deck')}, ${count(cards, 'card')}: ${warned || 'no problems'}`
        : `${count(errors.length, 'problem')} in ${new Set(errors.map((p) => p.file)).size} of ${decks.length + vocabularies.files(targets)} files${warned ? `, ${warned}` : ''}`;
    process.stdout.write(`${summary}\n`);
  }
  if (errors.length > 0) process.exitCode = 1;
}

/**
 * The tag vocabularies of the decks under `targets` (see core's tag-vocabulary.ts): the bundled
 * content/tags.yml for the bundled decks; a user folder's own tags.yml extends it. The problems
 * of the tags.yml files read, and the unknown-tag warnings of a deck.
 */
function tagVocabularies(targets: readonly string[]) {
  const bundledFile = path.join(bundledContentDir(), TAG_VOCABULARY_FILE);
  const problems: Problem[] = [];
  const read = new Map<string, TagVocabulary>();
  const vocabularyOf = (file: string): TagVocabulary => {
    let vocabulary = read.get(file);
    if (!vocabulary) {
      const own = readTagVocabulary(file, displayPath(file));
      problems.push(...own.problems);
      vocabulary = own.vocabulary;
      if (path.resolve(file) !== path.resolve(bundledFile) && existsSync(bundledFile)) {
        const bundled = vocabularyOf(bundledFile);
        vocabulary = {
          tags: new Map([...bundled.tags, ...vocabulary.tags]),
          files: [...bundled.files, ...vocabulary.files],
        };
      }
      read.set(file, vocabulary);
    }
    return vocabulary;
  };
  const rootOf = (deckFile: string) =>
    targets
      .map((t) => path.resolve(t))
      .find(
        (t) => existsSync(t) && statSync(t).isDirectory() && !path.relative(t, deckFile).startsWith('..'),
      ) ?? path.dirname(deckFile);
  return {
    problems,
    /** How many of the tags.yml files read are within `within` (the bundled one, read for a user folder, is not). */
    files: (within: readonly string[]) =>
      [...read.keys()].filter((f) =>
        within.some((t) => !path.relative(path.resolve(t), path.resolve(f)).startsWith('..')),
      ).length,
    warnings: (d: LoadedDeck): Problem[] => {
      const file = nearestTagVocabulary(d.absPath, rootOf(d.absPath));
      const shown = displayPath(d.absPath);
      const unknown = file ? unknownTagWarnings(d.text, shown, vocabularyOf(file)) : [];
      // A tag the vocabulary does not list is reported once, as unknown, whatever its form.
      const odd = tagSyntaxWarnings(d.text, shown).filter(
        (w) => !unknown.some((u) => u.line === w.line && u.column === w.column),
      );
      return [...unknown, ...odd].sort((a, b) => a.line - b.line || a.column - b.column);
    },
  };
}
