import { deckOf } from '../deck/card-key.js';
import type { CardPhase, ReviewFact } from '../scheduler/card-state.js';
import type { Rating } from '../scheduler/events.js';
import type { Db } from './database.js';

/** Derived facts about each answer in effect (undone answers are absent): stats and limits read these. */
export class ReviewsTable {
  private readonly insertStmt;
  private readonly deleteForCardStmt;
  private readonly forCardStmt;
  private readonly answersStmt;
  private readonly deckAnswersStmt;
  private readonly inTimeOrderStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT OR REPLACE INTO review_cache (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days, covered, mock)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteForCardStmt = db.prepare('DELETE FROM review_cache WHERE card_key = ?');
    this.forCardStmt = db.prepare<
      [string],
      {
        event_id: string;
        at: number;
        rating: number;
        duration_ms: number;
        phase_before: number;
        interval_days: number;
      }
    >(
      'SELECT event_id, at, rating, duration_ms, phase_before, interval_days FROM review_cache WHERE card_key = ? ORDER BY at, event_id',
    );
    this.answersStmt = db
      .prepare('SELECT card_key, at, rating FROM review_cache ORDER BY card_key')
      .raw(true);
    this.inTimeOrderStmt = db
      .prepare(
        'SELECT card_key, at, rating, phase_before, duration_ms FROM review_cache ORDER BY at, event_id',
      )
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

  /** Every answer in effect, oldest first, as [card key, at (ms), rating, phase before, duration (ms)]. */
  inTimeOrder(): IterableIterator<[string, number, number, number, number]> {
    return this.inTimeOrderStmt.iterate() as IterableIterator<[string, number, number, number, number]>;
  }

  /** A card's answers in effect, oldest first: what each was and the interval it gave. */
  forCard(
    cardKey: string,
  ): Pick<ReviewFact, 'eventId' | 'at' | 'rating' | 'durationMs' | 'phaseBefore' | 'intervalDays'>[] {
    return this.forCardStmt.all(cardKey).map((r) => ({
      eventId: r.event_id,
      at: r.at,
      rating: r.rating as Rating,
      durationMs: r.duration_ms,
      phaseBefore: r.phase_before as CardPhase,
      intervalDays: r.interval_days,
    }));
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
