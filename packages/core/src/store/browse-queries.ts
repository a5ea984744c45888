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
  }

  /** The active cards of `filter`: best match first when searching, else deck by deck in file order. */
  cards(filter: BrowseFilter = {}): BrowseRow[] {
    const params: Params = { deck: filter.deck ?? null, tag: filter.tag ?? null, limit: filter.limit ?? -1 };
    const rows =
      filter.search === undefined
        ? this.allStmt.all(params)
        : this.searchStmt.all({ ...params, match: searchExpression(filter.search) });
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
