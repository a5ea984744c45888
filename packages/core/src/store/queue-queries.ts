import { CardPhase, type CardState } from '../scheduler/card-state.js';
import type { Db } from './database.js';
import { toState } from './state-table.js';

// Card phases as the one enum defines them (constants, not input: written into the SQL once, when prepared).
const { New: NEW, Review: REVIEW } = CardPhase;

export interface NewCandidate {
  key: string;
  deckId: string;
  position: number;
}

export interface DueCandidate {
  deckId: string;
  position: number;
  state: CardState;
}

export interface TodayCounts {
  deckId: string;
  newCards: number;
  reviews: number;
  answers: number;
  durationMs: number;
}

/** The reads the daily queue needs. */
export class QueueQueries {
  private readonly newStmt;
  private readonly newTaggedStmt;
  private readonly dueStmt;
  private readonly todayStmt;
  private readonly nextDueStmt;
  private readonly unseenStmt;
  private readonly unseenClozeStmt;
  private readonly clozeAnsweredStmt;

  constructor(db: Db) {
    // New cards in file order, at most `perDeck` per deck (the daily limit can never exceed it);
    // with a tag, only cards carrying it, so the cap counts tagged cards.
    const newCards = (where: string) =>
      `SELECT key, deck_id, position FROM (
         SELECT c.key, c.deck_id, c.position, ROW_NUMBER() OVER (PARTITION BY c.deck_id ORDER BY c.position) AS rn
         FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key
         WHERE c.retired = 0 AND (s.card_key IS NULL OR (s.phase = ${NEW} AND s.suspended = 0
           AND (s.buried_until IS NULL OR s.buried_until <= @now)))${where})
       WHERE rn <= @perDeck ORDER BY deck_id, position`;
    type NewRow = { key: string; deck_id: string; position: number };
    this.newStmt = db.prepare<{ now: number; perDeck: number }, NewRow>(newCards(''));
    this.newTaggedStmt = db.prepare<{ now: number; perDeck: number; tag: string }, NewRow>(
      newCards(" AND EXISTS (SELECT 1 FROM json_each(c.content, '$.tags') t WHERE t.value = @tag)"),
    );
    this.dueStmt = db.prepare<{ now: number; until: number }, Record<string, unknown>>(
      `SELECT s.*, c.deck_id AS c_deck_id, c.position AS c_position FROM card_state_cache s JOIN cards c ON c.key = s.card_key
       WHERE c.retired = 0 AND s.phase > ${NEW} AND s.suspended = 0 AND (s.buried_until IS NULL OR s.buried_until <= @now)
         AND s.due < @until`,
    );
    this.todayStmt = db.prepare<
      [number],
      { deck_id: string; new_cards: number; reviews: number; answers: number; duration_ms: number }
    >(
      `SELECT deck_id, sum(phase_before = ${NEW}) AS new_cards, sum(phase_before = ${REVIEW}) AS reviews, count(*) AS answers,
         sum(duration_ms) AS duration_ms FROM review_cache WHERE at >= ? GROUP BY deck_id`,
    );
    this.nextDueStmt = db.prepare<[number], { due: number | null }>(
      `SELECT min(s.due) AS due FROM card_state_cache s JOIN cards c ON c.key = s.card_key
       WHERE c.retired = 0 AND s.phase > ${NEW} AND s.suspended = 0 AND s.due >= ?`,
    );
    this.clozeAnsweredStmt = db.prepare<[number], { card_key: string }>(
      "SELECT DISTINCT card_key FROM review_cache WHERE at >= ? AND card_key GLOB '*/*/c[0-9]*'",
    );
    this.unseenStmt = db.prepare<[], { deck_id: string; n: number }>(
      `SELECT c.deck_id, count(*) AS n FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key
       WHERE c.retired = 0 AND (s.card_key IS NULL OR (s.phase = ${NEW} AND s.suspended = 0)) GROUP BY c.deck_id`,
    );
    this.unseenClozeStmt = db
      .prepare<[], string>(
        `SELECT c.key FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key
         WHERE c.retired = 0 AND c.kind = 'cloze' AND (s.card_key IS NULL OR (s.phase = ${NEW} AND s.suspended = 0))`,
      )
      .pluck();
  }

  /** The keys (deck/card/cN) of the active cloze numbers never answered (suspended ones aside). */
  unseenClozeNumbers(): string[] {
    return this.unseenClozeStmt.all();
  }

  /** The cloze numbers (keys deck/card/cN) answered at or after `since` (ms). */
  clozeAnsweredSince(since: number): string[] {
    return this.clozeAnsweredStmt.all(since).map((r) => r.card_key);
  }

  /** Per deck, the active cards never answered (suspended ones aside). */
  unseenByDeck(): Map<string, number> {
    return new Map(this.unseenStmt.all().map((r) => [r.deck_id, r.n]));
  }

  /** New cards available at `now`, in file order, the first `perDeck` of each deck (with `tag`: of those carrying it). */
  newCandidates(now: number, perDeck: number, tag?: string): NewCandidate[] {
    const rows =
      tag === undefined ? this.newStmt.all({ now, perDeck }) : this.newTaggedStmt.all({ now, perDeck, tag });
    return rows.map((r) => ({ key: r.key, deckId: r.deck_id, position: r.position }));
  }

  /** Learning and review cards due before `until`. */
  dueCandidates(now: number, until: number): DueCandidate[] {
    return this.dueStmt.all({ now, until }).map((r) => ({
      deckId: r.c_deck_id as string,
      position: r.c_position as number,
      state: toState(r as unknown as Parameters<typeof toState>[0]),
    }));
  }

  today(dayStart: number): TodayCounts[] {
    return this.todayStmt.all(dayStart).map((r) => ({
      deckId: r.deck_id,
      newCards: r.new_cards,
      reviews: r.reviews,
      answers: r.answers,
      durationMs: r.duration_ms,
    }));
  }

  /** The earliest due time at or after `from` among active scheduled cards. */
  nextDue(from: number): number | null {
    return this.nextDueStmt.get(from)?.due ?? null;
  }
}
