import { deckOf } from '../deck/card-key.js';
import type { ReviewFact } from '../scheduler/card-state.js';
import type { Db } from './database.js';

/** Derived facts about each answer in effect (undone answers are absent): stats and limits read these. */
export class ReviewsTable {
  private readonly insertStmt;
  private readonly deleteForCardStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT OR REPLACE INTO review_cache (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days, covered, mock)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteForCardStmt = db.prepare('DELETE FROM review_cache WHERE card_key = ?');
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
