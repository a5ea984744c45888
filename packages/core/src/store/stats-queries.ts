import { CardPhase } from '../scheduler/card-state.js';
import type { Db } from './database.js';

// Card phases as the one enum defines them (constants, not input: written into the SQL once, when prepared).
const { New: NEW, Learning: LEARNING, Review: REVIEW, Relearning: RELEARNING } = CardPhase;

/** Aggregate reads for `grill stats` and the stats screen. */
export class StatsQueries {
  private readonly retentionStmt;
  private readonly countBetweenStmt;
  private readonly dueDaysStmt;
  private readonly totalsStmt;
  private readonly weakestStmt;
  private readonly anyBetweenStmt;
  private readonly retentionByDeckStmt;
  private readonly retentionByTagStmt;
  private readonly answerTimesStmt;
  private readonly reviewRatingsStmt;
  private readonly coveredStmt;

  constructor(db: Db) {
    // True retention: answers on cards in the Review phase that were not "again".
    this.retentionStmt = db.prepare<[number], { n: number; passed: number | null }>(
      `SELECT count(*) AS n, sum(rating > 1) AS passed FROM review_cache WHERE phase_before = ${REVIEW} AND at >= ?`,
    );
    this.retentionByDeckStmt = db.prepare<[number], { deck_id: string; n: number; passed: number }>(
      `SELECT deck_id, count(*) AS n, sum(rating > 1) AS passed FROM review_cache WHERE phase_before = ${REVIEW} AND at >= ? GROUP BY deck_id`,
    );
    this.retentionByTagStmt = db.prepare<[number], { tag: string; n: number; passed: number }>(
      `SELECT t.value AS tag, count(*) AS n, sum(r.rating > 1) AS passed
       FROM review_cache r JOIN cards c ON c.key = r.card_key, json_each(c.content, '$.tags') AS t
       WHERE r.phase_before = ${REVIEW} AND r.at >= ? GROUP BY t.value ORDER BY n DESC, tag`,
    );
    this.countBetweenStmt = db.prepare<[number, number], { n: number }>(
      'SELECT count(*) AS n FROM review_cache WHERE at >= ? AND at < ?',
    );
    this.dueDaysStmt = db.prepare<{ until: number }, { due: number }>(
      `SELECT s.due FROM card_state_cache s JOIN cards c ON c.key = s.card_key
       WHERE c.retired = 0 AND s.phase > ${NEW} AND s.suspended = 0 AND s.due < @until`,
    );
    this.totalsStmt = db.prepare<
      [],
      { cards: number; fresh: number; learning: number; review: number; suspended: number; leeches: number }
    >(
      `SELECT count(*) AS cards, sum(s.card_key IS NULL OR s.phase = ${NEW}) AS fresh, sum(s.phase IN (${LEARNING}, ${RELEARNING})) AS learning,
         sum(s.phase = ${REVIEW}) AS review, sum(s.suspended = 1) AS suspended, sum(s.leech = 1) AS leeches
       FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key WHERE c.retired = 0`,
    );
    this.reviewRatingsStmt = db.prepare<{ deck: string | null }, { rating: number; n: number }>(
      `SELECT rating, count(*) AS n FROM review_cache WHERE phase_before = ${REVIEW}
         AND (@deck IS NULL OR deck_id = @deck) GROUP BY rating`,
    );
    this.answerTimesStmt = db.prepare<[number], { duration_ms: number }>(
      'SELECT duration_ms FROM review_cache WHERE duration_ms > 0 ORDER BY at DESC LIMIT ?',
    );
    // Open-card answers in effect (no undo targets them) that recorded the rubric points covered.
    this.coveredStmt = db.prepare<
      [],
      { card_key: string; deck_id: string; covered: string; rubric: string; tags: string | null }
    >(
      `SELECT r.card_key, r.deck_id, r.covered, json_extract(c.content, '$.rubric') AS rubric,
         json_extract(c.content, '$.tags') AS tags
       FROM review_cache r INDEXED BY review_cache_covered JOIN cards c ON c.key = r.card_key
       WHERE r.covered IS NOT NULL AND c.retired = 0 AND json_type(c.content, '$.rubric') = 'array'`,
    );
    this.anyBetweenStmt = db.prepare<[number, number], { one: number }>(
      'SELECT 1 AS one FROM review_cache WHERE at >= ? AND at < ? LIMIT 1',
    );
    this.weakestStmt = db.prepare<
      [number],
      { card_key: string; lapses: number; leech: number; stability: number; title: string | null }
    >(
      `SELECT s.card_key, s.lapses, s.leech, s.stability, json_extract(c.content, '$.title') AS title
       FROM card_state_cache s JOIN cards c ON c.key = s.card_key
       WHERE c.retired = 0 AND s.lapses > 0 ORDER BY s.leech DESC, s.lapses DESC, s.stability ASC LIMIT ?`,
    );
  }

  /** How many answers on cards in review (of one deck, if given) got each rating (1–4), in effect. */
  reviewRatings(deck?: string): Record<1 | 2 | 3 | 4, number> {
    const counts = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const r of this.reviewRatingsStmt.all({ deck: deck ?? null }))
      counts[r.rating as 1 | 2 | 3 | 4] = r.n;
    return counts;
  }

  /** The time taken (ms) by the last `limit` answers that recorded one, newest first. */
  recentAnswerTimes(limit: number): number[] {
    return this.answerTimesStmt.all(limit).map((r) => r.duration_ms);
  }

  /** Each open-card answer in effect that recorded its covered rubric points (0-based), with the card's rubric and tags (from the review cache's index). */
  coveredAnswers(): {
    cardKey: string;
    deckId: string;
    covered: number[];
    rubric: string[];
    tags: string[];
  }[] {
    return this.coveredStmt.all().map((r) => ({
      cardKey: r.card_key,
      deckId: r.deck_id,
      covered: JSON.parse(r.covered) as number[],
      rubric: JSON.parse(r.rubric) as string[],
      tags: r.tags === null ? [] : (JSON.parse(r.tags) as string[]),
    }));
  }

  retention(from: number): { reviews: number; passed: number } {
    const r = this.retentionStmt.get(from);
    return { reviews: r?.n ?? 0, passed: r?.passed ?? 0 };
  }

  retentionByDeck(from: number): { deckId: string; reviews: number; passed: number }[] {
    return this.retentionByDeckStmt
      .all(from)
      .map((r) => ({ deckId: r.deck_id, reviews: r.n, passed: r.passed }));
  }

  /** How many answers in effect fall in [from, to) (an index range). */
  countBetween(from: number, to: number): number {
    return this.countBetweenStmt.get(from, to)?.n ?? 0;
  }

  /** Whether any answer in effect falls in [from, to) (an index seek). */
  anyReviewBetween(from: number, to: number): boolean {
    return this.anyBetweenStmt.get(from, to) !== undefined;
  }

  dueTimesBefore(until: number): number[] {
    return this.dueDaysStmt.all({ until }).map((r) => r.due);
  }

  totals() {
    const t = this.totalsStmt.get();
    return {
      cards: t?.cards ?? 0,
      new: t?.fresh ?? 0,
      learning: t?.learning ?? 0,
      review: t?.review ?? 0,
      suspended: t?.suspended ?? 0,
      leeches: t?.leeches ?? 0,
    };
  }

  /** The cards with the most lapses (leeches first, then least stable), with their titles. */
  weakest(
    limit: number,
  ): { cardKey: string; title: string; lapses: number; leech: boolean; stability: number }[] {
    return this.weakestStmt.all(limit).map((r) => ({
      cardKey: r.card_key,
      title: r.title ?? r.card_key,
      lapses: r.lapses,
      leech: r.leech === 1,
      stability: r.stability,
    }));
  }

  /** True retention per tag (a card's answers count for each of its tags), most answered first. */
  retentionByTag(from: number): { tag: string; reviews: number; passed: number }[] {
    return this.retentionByTagStmt.all(from).map((r) => ({ tag: r.tag, reviews: r.n, passed: r.passed }));
  }
}
