import type { CardKind } from '../deck/model.js';
import type { CardState } from '../scheduler/card-state.js';
import type { Db } from './database.js';
import { toState } from './state-table.js';

/** An active card as the card browser lists it: where it stands, its question and tags, its state. */
export interface BrowseRow {
  key: string;
  deckId: string;
  position: number;
  kind: CardKind;
  title: string;
  tags: string[];
  /** Undefined while the card has no event in effect. */
  state: CardState | undefined;
}

/** Which active cards: one deck, one tag (both: the deck's cards with the tag), matching words. */
export interface BrowseFilter {
  deck?: string;
  tag?: string;
  /** Words to look for (see searchExpression); the result is then ordered best match first. */
  search?: string;
  /** `search` is still being typed: its last word may be unfinished (see typingExpressions). */
  asYouType?: boolean;
  /** At most this many rows (in the order above). */
  limit?: number;
}

// What every listing selects: the card's columns (prefixed, as the state's are its own) and its state.
const SELECT = `SELECT c.key AS c_key, c.deck_id AS c_deck_id, c.position AS c_position, c.kind AS c_kind,
  json_extract(c.content, '$.title') AS c_title, json_extract(c.content, '$.tags') AS c_tags, s.*`;
const WHERE = `c.retired = 0 AND (@deck IS NULL OR c.deck_id = @deck)
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM json_each(c.content, '$.tags') t WHERE t.value = @tag))`;
// bm25 weights per column of card_search (migration 14): a word in the question counts most.
const RANK = 'bm25(card_search, 5.0, 2.0, 1.0)';

type Params = { deck: string | null; tag: string | null; limit: number; match?: string };

/** The reads of the card browser (`grill cards`, `grill show`). */
export class BrowseQueries {
  private readonly allStmt;
  private readonly searchStmt;
  private readonly searchTextStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<Params, Record<string, unknown>>(
      `${SELECT} FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key
       WHERE ${WHERE} ORDER BY c.deck_id, c.position LIMIT @limit`,
    );
    this.searchStmt = db.prepare<Params, Record<string, unknown>>(
      `${SELECT} FROM card_search JOIN cards c ON c.rowid = card_search.rowid
         LEFT JOIN card_state_cache s ON s.card_key = c.key
       WHERE card_search MATCH @match AND ${WHERE} ORDER BY ${RANK}, c.deck_id, c.position LIMIT @limit`,
    );
    // The same, every match with its indexed text, for the literal check of code words (codeWords).
    this.searchTextStmt = db.prepare<Params, Record<string, unknown>>(
      `${SELECT}, concat_ws(char(10), card_search.question, card_search.prompt, card_search.answer) AS c_text
       FROM card_search JOIN cards c ON c.rowid = card_search.rowid
         LEFT JOIN card_state_cache s ON s.card_key = c.key
       WHERE card_search MATCH @match AND ${WHERE} ORDER BY ${RANK}, c.deck_id, c.position`,
    );
  }

  /** The active cards of `filter`: best match first when searching, else deck by deck in file order. */
  cards(filter: BrowseFilter = {}): BrowseRow[] {
    const params: Params = { deck: filter.deck ?? null, tag: filter.tag ?? null, limit: filter.limit ?? -1 };
    const search = filter.search;
    let rows: Record<string, unknown>[] = [];
    if (search === undefined) rows = this.allStmt.all(params);
    else {
      const literal = codeWords(search).map(literalPattern);
      for (const match of filter.asYouType ? typingExpressions(search) : [searchExpression(search)]) {
        rows =
          literal.length === 0
            ? this.searchStmt.all({ ...params, match })
            : literalFirst(this.searchTextStmt.all({ ...params, match }), literal, params.limit);
        if (rows.length > 0) break;
      }
    }
    return rows.map((r) => ({
      key: r.c_key as string,
      deckId: r.c_deck_id as string,
      position: r.c_position as number,
      kind: r.c_kind as CardKind,
      title: (r.c_title as string | null) ?? '',
      tags: JSON.parse((r.c_tags as string | null) ?? '[]') as string[],
      state: r.card_key === null ? undefined : toState(r as unknown as Parameters<typeof toState>[0]),
    }));
  }
}

/**
 * `rows` (best match first) with those whose text holds every pattern of `literal` moved ahead,
 * each group in its order, cut to `limit` (-1: all).
 */
function literalFirst(
  rows: Record<string, unknown>[],
  literal: RegExp[],
  limit: number,
): Record<string, unknown>[] {
  const holds = (r: Record<string, unknown>) => literal.every((p) => p.test(r.c_text as string));
  const ordered = [...rows.filter(holds), ...rows.filter((r) => !holds(r))];
  return limit < 0 ? ordered : ordered.slice(0, limit);
}

/**
 * The words of a search the index cannot tell apart from others, so that cards holding them as
 * typed rank first: words in capitals (`PUT`, `TTL`: the index folds case, and its stemmer makes
 * `PUT` the English "put") and words with a character the index drops (`$1` is indexed as `1`,
 * `C#`'s `#` and `N+1`'s `+` are kept, `read-only` is two words). Quoted phrases and prefixes
 * (`idem*`) are left as they are.
 */
export function codeWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"[^"]*"?|[^\s"]+/g)) {
    if (m[0].startsWith('"') || m[0].endsWith('*')) continue;
    // Sentence punctuation and backticks around a word are not part of it: `PUT`? is PUT.
    const word = m[0].replace(/^[`'(]+|[`'),.;:!?]+$/g, '');
    const capitals = /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
    const dropped = /[^\p{L}\p{N}+#]/u.test(word);
    if (capitals || dropped) words.push(word);
  }
  return words;
}

/** `word` as written, case kept, not inside a longer word or number (`$1` is not in `$10`). */
function literalPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * What a user typed as an FTS5 query that can never be a syntax error: every word, and every
 * "quoted phrase", becomes a quoted FTS5 string (its inner quotes doubled), all of them required.
 * FTS5 then splits each with the index's tokenizer, so `N+1`, `401` and `/users/{id}` match as they
 * appear in cards, and AND, OR, NOT, NEAR, `*`, `:`, `^` and parentheses are plain text. A word
 * ending in `*` (and more than that) matches as a prefix: `idempot*`. Text with no word at all
 * (`--`) matches nothing.
 */
export function searchExpression(text: string): string {
  const terms: string[] = [];
  // A quoted phrase (an unclosed quote runs to the end), or a run of anything else but spaces and quotes.
  for (const m of text.matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const phrase = m[1] !== undefined;
    const term = phrase ? (m[1] as string) : m[0];
    const prefix = !phrase && term.length > 1 && term.endsWith('*');
    const words = prefix ? term.slice(0, -1) : term;
    if (words.trim() === '') continue;
    terms.push(`"${words.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  }
  // An empty string is no valid query; an empty phrase is one that matches nothing.
  return terms.length > 0 ? terms.join(' ') : '""';
}

/** Shortest cut of an unfinished word tried as the stem it has passed (see typingExpressions). */
const MIN_STEM = 3;

/**
 * Endings the porter stemmer takes off English words (as they are written, chains included):
 * what follows a stem in a word. `replica` may be `replic` + the start of `ation`; `databas` is
 * not `data` + anything here.
 */
const ENDINGS = (
  's es ies ed ing ly ness ful e y er ism ist ity ive ous able ible al alism alize alization ' +
  'ality ance ancy ence ency ent ement ment ant ate ator ation ational ion ional tion tional ' +
  'ic ical icate icity ize izer ization'
).split(' ');

/**
 * The queries for `text` still being typed (search as you type), to try in order until one finds
 * cards. Its last word, unless a space, a quote or `*` ended it, may be unfinished. The index
 * holds stems (porter: replication is `replic`), so first it matches the words it begins (`idem`
 * finds idempotent) and, where what was typed is a stem and the start of an ending, that stem
 * (`replica` finds replicas and replication); then, when that finds nothing (`idempotenc`, past
 * its stem `idempot`), any of its cuts down to three characters, each matched as a whole word:
 * one of them is the stem it passed. Other words are as searchExpression has them.
 */
export function typingExpressions(text: string): string[] {
  const whole = searchExpression(text);
  const last = /[^\s"]+$/.exec(text)?.[0];
  const insidePhrase = (text.match(/"/g)?.length ?? 0) % 2 === 1;
  if (!last || insidePhrase || last.endsWith('*')) return [whole];
  const before = searchExpression(text.slice(0, text.length - last.length));
  const chars = Array.from(last);
  const cuts: { cut: string; rest: string }[] = [];
  for (let n = chars.length - 1; n >= MIN_STEM; n--) {
    const cut = searchExpression(chars.slice(0, n).join(''));
    const rest = chars.slice(n).join('').toLowerCase();
    if (cut !== '""') cuts.push({ cut, rest });
  }
  const stems = cuts.filter((c) => ENDINGS.some((e) => e.startsWith(c.rest))).map((c) => c.cut);
  const any = (terms: string[]) => {
    const or = terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`;
    return before === '""' ? or : `${before} AND ${or}`;
  };
  const prefix = searchExpression(`${last}*`);
  const expressions = [any([prefix, ...stems])];
  if (cuts.length > stems.length) expressions.push(any(cuts.map((c) => c.cut)));
  return expressions;
}
