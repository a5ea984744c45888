import { deckOf } from '../deck/card-key.js';
import type { ReviewFact } from '../scheduler/card-state.js';
import type { Db } from './database.js';

/** Derived facts about each answer in effect (undone answers are absent): stats and limits read these. */
export class ReviewsTable {
  private readonly insertStmt;
  private readonly deleteForCardStmt;
  private readonly answersStmt;
  private readonly deckAnswersStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT OR REPLACE INTO review_cache (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days, covered, mock)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteForCardStmt = db.prepare('DELETE FROM review_cache WHERE card_key = ?');
    this.answersStmt = db
      .prepare('SELECT card_key, at, rating FROM review_cache ORDER BY card_key')
      .raw(true);
    this.deckAnswersStmt = db
      .prepare('SELECT card_key, at, rating FROM review_cache WHERE deck_id = ? ORDER BY card_key')
      .raw(true);
  }

  /**
   * Every answer in effect as [card key, at (ms), rating], grouped by card (not in time order
   * within a card), read one row at a time: the FSRS optimizer's input on a whole collection.
   */
  answersByCard(deck?: string): IterableIterator<[string, number, number]> {
    return (
      deck === undefined ? this.answersStmt.iterate() : this.deckAnswersStmt.iterate(deck)
    ) as IterableIterator<[string, number, number]>;
  }

  insert(fact: ReviewFact): void {
    // Positional parameters: a rebuild of the whole log runs this once per answer in effect.
    this.insertStmt.run(
      fact.eventId,
      fact.cardKey,
      deckOf(fact.cardKey),
      fact.at,
      fact.rating,
      fact.durationMs,
      fact.phaseBefore,
      fact.intervalDays,
      fact.covered === null ? null : JSON.stringify(fact.covered),
      fact.mock,
    );
  }

  deleteForCard(cardKey: string): void {
    this.deleteForCardStmt.run(cardKey);
  }
}
