import type { Rating } from '../scheduler/events.js';
import type { Card, ChoiceCard, ClozeCard, TypedCard } from './model.js';

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  ⁿ: 'n',
};
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ]+/gu;

/** Closing quote for each opening quote that may wrap a whole answer. */
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };

/** Drops a final `.` or `;` (after a letter, digit, bracket or quote) and one pair of wrapping quotes. */
function unwrap(text: string): string {
  const dropPeriod = (t: string) => (/[\p{L}\p{N})\]"'’”»][.;]$/u.test(t) ? t.slice(0, -1) : t);
  const t = dropPeriod(text);
  const open = t[0] ?? '';
  const close = QUOTE_PAIRS[open];
  if (close === undefined || t.length < 3 || !t.endsWith(close)) return t;
  const inner = t.slice(1, -1);
  if (inner.includes(open) || inner.includes(close) || inner.trim() === '') return t;
  return dropPeriod(inner.trim());
}

const DOT_OPERATORS = /[×·⋅]/g;
const BIG_O_OPENER = /(?<![\p{L}\p{N}_])([oθω])\s*\(/gu;

/** Removes the whitespace inside each balanced `O(…)`, `Θ(…)`, `Ω(…)` group (and before its bracket). */
function compactBigO(text: string): string {
  let out = '';
  let done = 0;
  for (const m of text.matchAll(BIG_O_OPENER)) {
    if (m.index < done) continue;
    const start = m.index + m[0].length;
    let depth = 1;
    let end = start;
    for (; end < text.length && depth > 0; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth--;
    }
    if (depth > 0) break;
    const inner = text
      .slice(start, end - 1)
      // The base of a logarithm is a constant factor: lg n, log2 n, log_2 n are log n.
      .replace(/\b(?:lg|log_?2)\b/g, 'log')
      .replace(/\s+/g, '')
      .replace(DOT_OPERATORS, '*')
      // Multiplication written or not: n*log(n) is n log(n); log's brackets around one term go.
      .replace(/\*(?=[\p{L}(])/gu, '')
      .replace(/log\(([\p{L}\p{N}]+)\)/gu, 'log$1');
    // Θ (a tight bound) is also an O; Ω (a lower bound) is not.
    out += `${text.slice(done, m.index)}${m[1] === 'θ' ? 'o' : m[1]}(${inner})`;
    done = end;
  }
  return out + text.slice(done);
}

const MATH_WORDS = new Set(['log', 'lg', 'ln', 'sqrt', 'exp', 'min', 'max']);

/** Whether spaces around operators and brackets carry no meaning in `text` (see normalizeTyped). */
function mathLike(text: string): boolean {
  if (!/^[\p{L}\p{N} ()[\]^*+\-/.,!×·⋅]+$/u.test(text) || !/[()[\]^*+\-/×·⋅]/.test(text)) return false;
  if (/(?:^| )--?\p{L}/u.test(text)) return false;
  for (const m of text.matchAll(/\p{L}{2,}/gu))
    if (!MATH_WORDS.has(m[0]) && !/^ ?[([]/.test(text.slice(m.index + m[0].length))) return false;
  return true;
}

function compactMath(text: string): string {
  return text
    .replace(DOT_OPERATORS, '*')
    .replace(/ ?([\^*+\-/,]) ?/g, '$1')
    .replace(/ ?([([]) ?/g, '$1')
    .replace(/ ([)\]])/g, '$1');
}

/**
 * How typed answers are compared. Both the typed text and each accepted answer go through the
 * same steps, and they match when the results are equal:
 *
 * 1. superscript digits (and `ⁿ`) become a power: `n²` is `n^2`, `2ⁿ` is `2^n`;
 * 2. Unicode compatibility normalisation (NFKC), so `é` typed as `e` + U+0301 equals the
 *    precomposed `é` and full-width `４１０` equals `410`;
 * 3. backticks, case (but not a short option's: `-P` is not `-p`), surrounding and repeated
 *    whitespace, and spaces around `=` ignored;
 * 4. one final `.` or `;` right after a letter, digit, bracket or quote is dropped, as is one pair of
 *    quotes around the whole answer (`"none"`, `‘none’`) when no other such quote is inside; a `.`
 *    after a space, a `/` or another `.` is kept, so `git add .` never equals `git add`;
 * 5. inside a Big-O group, `O(…)`, `Θ(…)` or `Ω(…)` (any case, as everywhere), whitespace is ignored, including
 *    between the letter and the bracket, and `×`, `·`, `⋅` read as `*`: `O(n ^ 2)` = `o(n^2)`,
 *    `O(n * n)` = `O(n*n)` = `O(n·n)`, `O(n log n)` = `O(nlogn)`. Inside the brackets a space
 *    only ever means multiplication, and letters and operators are never dropped, so `O(log n)`
 *    still differs from `O(n log n)` and `O(n)` from `O(n^2)`. There too a written `*` before a
 *    term is the same as none (`O(n*log n)`), the base of a logarithm is left out (`lg n`,
 *    `log2 n`, `log_2 n` are `log n`: a constant factor), brackets around log's one argument go
 *    (`log(n)`), and `Θ` reads as `O` (a tight bound is one); `Ω` stays itself. A trailing
 *    ` time` after the group is dropped (`O(n) time`);
 * 7. a status code may be written `HTTP 409`, and its reason phrase in brackets (`409 (Conflict)`);
 * 6. in a math-like answer (below), whitespace next to `^ * + - /`, commas and brackets is
 *    ignored, and `×`, `·`, `⋅` read as `*`: `n ^ 2` = `n^2`, `max(n, m)` = `max(n,m)`,
 *    `prefix[j + 1] - prefix[i]` = `prefix[j+1]-prefix[i]`. Spaces between two terms (`n log n`)
 *    are kept outside a Big-O group.
 *
 * An answer is math-like when it holds an operator or bracket, only letters, digits, whitespace,
 * `( ) [ ] ^ * + - / . , !` and `× · ⋅`, no option such as `-p` or `--patch` after a space, and
 * every word of two or more letters is `log`, `lg`, `ln`, `sqrt`, `exp`, `min` or `max` or is
 * followed by a bracket (`prefix[i]`, `f(n)`). Commands and prose are never math-like, so their
 * spaces keep their meaning: `git add -p` never equals `git add-p` or `git add p`, nor
 * `git add src /lib` `git add src/lib`. Apart from a final full stop or semicolon, wrapping quotes,
 * `HTTP ` before a status code and the notations of one Big-O (step 6), no step drops anything but
 * whitespace, so two answers only ever meet when they are written with the same letters, digits
 * and operators in the same order.
 */
export function normalizeTyped(text: string): string {
  const plain = text
    .replace(SUPERSCRIPT_RUN, (run) => `^${[...run].map((ch) => SUPERSCRIPTS[ch] ?? ch).join('')}`)
    .normalize('NFKC')
    .replace(/`/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?= ?/g, '=')
    .split(' ')
    // Short options keep their case: `git add -P` is not `git add -p`.
    .map((word) => (/^-\p{L}+$/u.test(word) ? word : word.toLowerCase()))
    .join(' ');
  const bare = compactBigO(unwrap(plain))
    .replace(/^http (\d{3})\b/, '$1')
    .replace(/^(\d{3}) \((.+)\)$/, '$1 $2')
    .replace(/^(.*\)) time$/, '$1');
  return mathLike(bare) ? compactMath(bare) : bare;
}

/**
 * Whether `input` is one of `card`'s accepted answers, both normalised (normalizeTyped). An
 * accepted status code with its reason phrase (`409 Conflict`) also takes the phrase alone; a
 * `<placeholder>` in an accepted answer (`git add -p <file>`) takes any one word with a letter or
 * digit in its place (`app.ts`, not `..`).
 */
export function typedMatches(card: TypedCard, input: string): boolean {
  const given = normalizeTyped(input);
  return given !== '' && card.accept.some((a) => acceptedForms(a)(given));
}

/** A test for the answers `accepted` stands for (see typedMatches). */
function acceptedForms(accepted: string): (given: string) => boolean {
  const a = normalizeTyped(accepted);
  const reason = /^\d{3} (\p{L}.*)$/u.exec(a)?.[1];
  if (/<[^<>\s]+>/.test(a)) {
    const pattern = a
      .split(/(<[^<>\s]+>)/)
      .map((part, i) =>
        i % 2 === 1 ? '[^\\s]*[\\p{L}\\p{N}][^\\s]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    const re = new RegExp(`^${pattern}$`, 'u');
    return (given) => given === a || re.test(given);
  }
  return (given) => given === a || given === reason;
}

/**
 * A typed cloze answer is right when it is the asked number's answers, in order, separated by
 * commas (each different answer once), normalised as typed answers are.
 */
export function clozeMatches(card: ClozeCard, input: string): boolean {
  const canonical = (text: string) => normalizeTyped(text).replace(/\s*,\s*/g, ', ');
  const given = canonical(input);
  return given !== '' && given === canonical(card.answers.join(', '));
}

/** Whether a card takes a typed answer: a typed card, or a cloze card with `typed: yes`. */
export function takesTyping(card: Card): boolean {
  return card.kind === 'typed' || (card.kind === 'cloze' && card.typed);
}

/** Whether a typed answer is right: never for a card that takes none. */
export function typedCorrect(card: Card, input: string): boolean {
  if (!takesTyping(card)) return false;
  return card.kind === 'typed'
    ? typedMatches(card, input)
    : card.kind === 'cloze' && clozeMatches(card, input);
}

/** A choice answer is right when exactly the correct options (0-based) were chosen. */
export function choiceCorrect(card: ChoiceCard, chosen: readonly number[]): boolean {
  const picked = new Set(chosen);
  return card.options.every((o, i) => o.correct === picked.has(i));
}

/** The rating a right or wrong choice/typed answer implies: Good when right, Again when wrong. */
export function impliedRating(correct: boolean): Rating {
  return correct ? 3 : 1;
}

/**
 * The rating suggested for an open card from the share of rubric points covered:
 * under 50% Again, under 75% Hard, under 100% Good, everything Easy.
 */
export function suggestRating(covered: number, total: number): Rating {
  if (total <= 0) return 3;
  const share = covered / total;
  if (share < 0.5) return 1;
  if (share < 0.75) return 2;
  if (share < 1) return 3;
  return 4;
}
