/**
 * Near-duplicate cards: two cards that ask the same question, or teach the same answer with the
 * same example, in different words. Pure functions, no I/O; the bundled-decks test runs them over
 * every shipped card.
 *
 * The measure. A card gives two texts (`DuplicateCheckItem`): its prompt (title and body) and its
 * answer (answer, rubric points, options, accepted answers). Each text is reduced to the SET of
 * its content words (`contentWords`): lowercased, link targets removed, split on everything that
 * is not `a-z` or `0-9` (so markdown and punctuation go), common English words dropped, a light
 * suffix strip (`-s`, `-es`, `-ed`, `-ing` on words of five letters or more), and numbers of four
 * digits or more dropped (pids, ports, ids, byte counts: two logs that differ only there are the
 * same log; status codes such as `429` stay). Two sets are compared with an idf-weighted Dice coefficient
 * (`weightedDice`):
 *
 *     sim(A, B) = 2 · w(A ∩ B) / (w(A) + w(B)),   w(S) = Σ idf(word) for word in S,
 *     idf(word) = ln(1 + N / df(word))
 *
 * over the N items checked together, df(word) being how many of them use the word: a shared rare
 * word (`sharelock`, `wildcard`) weighs far more than a shared common one (`request`). Dice rather
 * than containment, so a short card is not the duplicate of every long card that mentions it.
 *
 * A pair is reported (`findNearDuplicates`) when
 * - `prompt`: prompt similarity ≥ 0.85: the same question, near enough word for word;
 * - `answer`: answer similarity ≥ 0.7: the same answer;
 * - `both`: the smaller of the two similarities is ≥ 0.32 for cards of different decks, or ≥ 0.6
 *   within one deck: the same example asked and answered alike. One deck legitimately holds
 *   parallel cards on one topic (2NF and 3NF, OAuth roles and scopes, which score up to 0.53), so
 *   only near-identical ones count there; across decks such overlap is what two writers covering
 *   one topic independently produce;
 * - `code`: both hold the same fenced code block (runs of whitespace collapsed) of at least 80
 *   non-blank characters: the same log, config or code example. Shorter blocks, such as the
 *   two-line table schema several write-a-query cards share, do not count.
 *
 * Calibration (the 12 decks of 2026, 415 cards): the ten pairs a reviewer found teaching one fact
 * twice scored, on `both`, 0.59, 0.52, 0.48, 0.46, 0.43, 0.35, 0.33 and 0.33; the other two, an
 * ownership check and a CORS credentials card reworded for another deck, scored 0.24 and 0.15, in
 * the range of cards that merely share a topic, which no word-based measure tells apart. The
 * threshold also caught an eleventh pair nobody had listed (0.41). Once those were rewritten, the
 * highest cross-deck score was 0.28 (0.30 with the decks added since), and the only pairs over a
 * threshold were one data set asked four ways on purpose (the SQL join series), which the
 * bundled-decks test lists as allowed.
 */

import type { Card } from './model.js';

export interface DuplicateCheckItem {
  /** Reported as is, e.g. `deckId/cardId`. */
  key: string;
  /** The deck the card belongs to: cards of one deck are held to the looser `both` threshold. */
  deck: string;
  /** Markdown of the question: title and prompt body, code blocks included. */
  prompt: string;
  /** Markdown of what the card teaches: answer, rubric points, options, accepted answers. */
  answer: string;
}

export type DuplicateField = 'prompt' | 'answer' | 'both' | 'code';

export interface NearDuplicate {
  /** Key of the earlier item (in input order). */
  a: string;
  /** Key of the later item. */
  b: string;
  /** Which rule matched (see the file's docstring). */
  field: DuplicateField;
  /** The similarity that crossed its threshold (0..1); 1 for a shared code block. */
  score: number;
}

export interface NearDuplicateThresholds {
  prompt: number;
  answer: number;
  bothAcrossDecks: number;
  bothWithinDeck: number;
  minSharedCodeChars: number;
}

export const NEAR_DUPLICATE_THRESHOLDS: Readonly<NearDuplicateThresholds> = Object.freeze({
  prompt: 0.85,
  answer: 0.7,
  bothAcrossDecks: 0.32,
  bothWithinDeck: 0.6,
  minSharedCodeChars: 80,
});

const STOP_WORDS = new Set(
  (
    'a about after all also an and any are as at be been before but by can cannot could did do does done ' +
    'each eg e g for from get gets got had has have he her his how i if in into is it its just may might ' +
    'more most must my no not of on one only or other our out over own same she should so such than that ' +
    'the their them then there these they this those to under up us use used using very via vs was we ' +
    'were what when where which who why will with would you your'
  ).split(' '),
);

/** The set of words a text is compared by (see the file's docstring). */
export function contentWords(markdown: string): Set<string> {
  const words = new Set<string>();
  const text = markdown.toLowerCase().replace(/\]\([^)]*\)/g, ']');
  for (const raw of text.split(/[^a-z0-9]+/)) {
    if (raw === '' || STOP_WORDS.has(raw) || /^\d{4,}$/.test(raw)) continue;
    words.add(raw.length >= 5 ? raw.replace(/(?:ing|ed|es|s)$/, '') : raw);
  }
  return words;
}

/** The fenced code blocks of a markdown text, each with its runs of whitespace collapsed to one space. */
export function fencedCode(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^ {0,3}\1[`~]*[ \t]*$/gm;
  for (const m of markdown.matchAll(fence)) {
    const code = (m[2] ?? '').replace(/\s+/g, ' ').trim();
    if (code !== '') blocks.push(code);
  }
  return blocks;
}

/**
 * Weighted Dice coefficient of two word sets: twice the weight of the words they share over the
 * sum of their weights (0 when either weighs nothing). Every word weighs 1 unless `weight` says.
 */
export function weightedDice(
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
  weight: (word: string) => number = () => 1,
): number {
  let wa = 0;
  let shared = 0;
  for (const w of a) {
    const x = weight(w);
    wa += x;
    if (b.has(w)) shared += x;
  }
  let wb = 0;
  for (const w of b) wb += weight(w);
  return wa > 0 && wb > 0 ? (2 * shared) / (wa + wb) : 0;
}

/**
 * One item per card: a cloze card's numbers (one `Card` each) become a single item keyed
 * `deckId/cardId`, with its text written out in full.
 */
export function duplicateCheckItems(cards: readonly Card[]): DuplicateCheckItem[] {
  const items: DuplicateCheckItem[] = [];
  const seen = new Set<string>();
  for (const c of cards) {
    const key = `${c.deckId}/${c.kind === 'cloze' ? c.id.replace(/\/c\d+$/, '') : c.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const body =
      c.kind === 'cloze'
        ? c.text.map((part) => (typeof part === 'string' ? part : part.answer)).join('')
        : c.body;
    const extra =
      c.kind === 'open'
        ? c.rubric
        : c.kind === 'choice'
          ? c.options.map((o) => o.text)
          : c.kind === 'typed'
            ? c.accept
            : [];
    items.push({
      key,
      deck: c.deckId,
      prompt: `${c.title}\n\n${body}`,
      answer: [c.answer, ...extra].join('\n\n'),
    });
  }
  return items;
}

/** A word set as sorted word numbers, with its total weight: intersections become a merge. */
interface WordVector {
  ids: Int32Array;
  total: number;
}

function weighedDice(a: WordVector, b: WordVector, idf: Float64Array): number {
  if (a.total === 0 || b.total === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      shared += idf[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.total + b.total);
}

/**
 * Every pair of items that look like the same card (see the file's docstring), in input order:
 * one entry per pair and rule matched. O(n²) pairs, each a merge of two short sorted arrays:
 * about a tenth of a second for 500 cards.
 */
export function findNearDuplicates(
  items: readonly DuplicateCheckItem[],
  thresholds: Partial<NearDuplicateThresholds> = {},
): NearDuplicate[] {
  const t = { ...NEAR_DUPLICATE_THRESHOLDS, ...thresholds };
  const words = items.map((it) => ({ prompt: contentWords(it.prompt), answer: contentWords(it.answer) }));
  const codes = items.map(
    (it) =>
      new Set(
        [...fencedCode(it.prompt), ...fencedCode(it.answer)].filter(
          (c) => c.replace(/\s/g, '').length >= t.minSharedCodeChars,
        ),
      ),
  );

  // Number the words, count in how many items each appears, then weigh them.
  const number = new Map<string, number>();
  const df: number[] = [];
  for (const w of words) {
    for (const word of new Set([...w.prompt, ...w.answer])) {
      let id = number.get(word);
      if (id === undefined) {
        id = df.length;
        number.set(word, id);
        df.push(0);
      }
      df[id]!++;
    }
  }
  const idf = Float64Array.from(df, (n) => Math.log(1 + items.length / n));
  const vector = (set: Set<string>): WordVector => {
    const ids = Int32Array.from(set, (word) => number.get(word)!).sort();
    let total = 0;
    for (const id of ids) total += idf[id]!;
    return { ids, total };
  };
  const vectors = words.map((w) => ({ prompt: vector(w.prompt), answer: vector(w.answer) }));

  const found: NearDuplicate[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const pair = { a: items[i]!.key, b: items[j]!.key };
      const prompt = weighedDice(vectors[i]!.prompt, vectors[j]!.prompt, idf);
      const answer = weighedDice(vectors[i]!.answer, vectors[j]!.answer, idf);
      const both = Math.min(prompt, answer);
      const bothThreshold = items[i]!.deck === items[j]!.deck ? t.bothWithinDeck : t.bothAcrossDecks;
      if (prompt >= t.prompt) found.push({ ...pair, field: 'prompt', score: prompt });
      if (answer >= t.answer) found.push({ ...pair, field: 'answer', score: answer });
      if (both >= bothThreshold) found.push({ ...pair, field: 'both', score: both });
      for (const code of codes[i]!) {
        if (codes[j]!.has(code)) {
          found.push({ ...pair, field: 'code', score: 1 });
          break;
        }
      }
    }
  }
  return found;
}
