import { deckOf } from '../deck/card-key.js';
import type { ReviewFact } from '../scheduler/card-state.js';
import type { Db } from './database.js';

/** Derived facts about each answer in effect (undone answers are absent): stats and limits read these. */
export class ReviewsTable {
  private readonly insertStmt;
  private readonly deleteForCardStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT OR REPLACE INTO reviews (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days)
       VALUES (@eventId, @cardKey, @deckId, @at, @rating, @durationMs, @phaseBefore, @intervalDays)`,
    );
    this.deleteForCardStmt = db.prepare('DELETE FROM reviews WHERE card_key = ?');
  }

  insert(fact: ReviewFact): void {
    this.insertStmt.run({ ...fact, deckId: deckOf(fact.cardKey) });
  }

  deleteForCard(cardKey: string): void {
    this.deleteForCardStmt.run(cardKey);
  }
}
