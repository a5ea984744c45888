import type { Db } from './database.js';

/** An answer given in a mock interview, as the review log has it (answers in effect only). */
export interface MockAnswerRow {
  eventId: string;
  cardKey: string;
  deckId: string;
  at: number;
  rating: number;
  durationMs: number;
  /** The interview's start (its marker, `detail.mock`). */
  session: number;
  /** 0-based rubric points ticked as covered. */
  covered: number[];
  /** The card's rubric now (empty when the card is gone). */
  rubric: string[];
}

/** The reads mock interviews need (grill mock, its report, the history in grill stats). */
export class MockQueries {
  private readonly openStmt;
  private readonly answersStmt;

  constructor(db: Db) {
    this.openStmt = db.prepare<[], { key: string; deck_id: string }>(
      `SELECT key, deck_id FROM cards WHERE retired = 0 AND kind = 'open'
         AND json_array_length(content, '$.rubric') > 0 ORDER BY deck_id, position`,
    );
    // review_cache holds the answers in effect (undone ones are absent), with their mock marker (indexed).
    this.answersStmt = db.prepare<
      { from: number; session: number | null },
      {
        event_id: string;
        card_key: string;
        deck_id: string;
        at: number;
        rating: number;
        duration_ms: number;
        mock: number;
        covered: string | null;
        rubric: string | null;
      }
    >(
      `SELECT r.event_id, r.card_key, r.deck_id, r.at, r.rating, r.duration_ms, r.mock, r.covered,
         json_extract(c.content, '$.rubric') AS rubric
       FROM review_cache r INDEXED BY review_cache_mock LEFT JOIN cards c ON c.key = r.card_key
       WHERE r.mock IS NOT NULL AND r.at >= @from AND (@session IS NULL OR r.mock = @session)
       ORDER BY r.at, r.event_id`,
    );
  }

  /** Keys of the active open cards with a rubric, deck by deck in file order. */
  openCards(): { key: string; deckId: string }[] {
    return this.openStmt.all().map((r) => ({ key: r.key, deckId: r.deck_id }));
  }

  /** Mock-interview answers in effect recorded at or after `from`, of one interview if `session` is given. */
  answers(from: number, session: number | null = null): MockAnswerRow[] {
    return this.answersStmt.all({ from, session }).map((r) => ({
      eventId: r.event_id,
      cardKey: r.card_key,
      deckId: r.deck_id,
      at: r.at,
      rating: r.rating,
      durationMs: r.duration_ms,
      session: r.mock,
      covered: r.covered === null ? [] : (JSON.parse(r.covered) as number[]),
      rubric: r.rubric === null ? [] : (JSON.parse(r.rubric) as string[]),
    }));
  }
}
