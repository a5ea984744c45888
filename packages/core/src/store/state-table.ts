import type { CardPhase, CardState } from '../scheduler/card-state.js';
import type { Db } from './database.js';

interface RawState {
  card_key: string;
  phase: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  first_review: number | null;
  suspended: number;
  buried_until: number | null;
  leech: number;
  last_event_id: string | null;
  last_event_at: number | null;
}

export function toState(r: RawState): CardState {
  return {
    cardKey: r.card_key,
    phase: r.phase as CardPhase,
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    lastReview: r.last_review,
    firstReview: r.first_review,
    suspended: r.suspended === 1,
    buriedUntil: r.buried_until,
    leech: r.leech === 1,
    lastEventId: r.last_event_id,
    lastEventAt: r.last_event_at,
  };
}

/** The table's columns, in the order `put` binds them. */
const COLUMNS = [
  'card_key',
  'phase',
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'last_review',
  'first_review',
  'suspended',
  'buried_until',
  'leech',
  'last_event_id',
  'last_event_at',
];

/** The derived per-card state cache. */
export class StateTable {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly allStmt;
  private readonly sinceStmt;
  private readonly ofActiveCardStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], RawState>('SELECT * FROM card_state_cache WHERE card_key = ?');
    // An upsert, not INSERT OR REPLACE: the row is updated where it is (a replace deletes it and
    // appends a new one, touching twice the pages on every answer).
    this.upsertStmt = db.prepare(
      `INSERT INTO card_state_cache (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (card_key) DO UPDATE SET ${COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    this.deleteStmt = db.prepare('DELETE FROM card_state_cache WHERE card_key = ?');
    this.ofActiveCardStmt = db.prepare<[string], RawState & { c_retired: number }>(
      `SELECT s.*, c.retired AS c_retired FROM cards c LEFT JOIN card_state_cache s ON s.card_key = c.key
       WHERE c.key = ?`,
    );
    this.allStmt = db.prepare<[], RawState>('SELECT * FROM card_state_cache');
    this.sinceStmt = db.prepare<[number], { card_key: string }>(
      'SELECT card_key FROM card_state_cache WHERE last_event_at >= ?',
    );
  }

  get(cardKey: string): CardState | undefined {
    const row = this.getStmt.get(cardKey);
    return row ? toState(row) : undefined;
  }

  /**
   * The state of an active card (undefined while it has none), or null when no active card has
   * this key (unknown or retired): the answer path's one read.
   */
  ofActiveCard(cardKey: string): { state: CardState | undefined } | null {
    const row = this.ofActiveCardStmt.get(cardKey);
    if (!row || row.c_retired === 1) return null;
    return { state: row.card_key === null ? undefined : toState(row) };
  }

  put(state: CardState): void {
    const s = state;
    this.upsertStmt.run(
      s.cardKey,
      s.phase,
      s.due,
      s.stability,
      s.difficulty,
      s.elapsedDays,
      s.scheduledDays,
      s.learningSteps,
      s.reps,
      s.lapses,
      s.lastReview,
      s.firstReview,
      s.suspended ? 1 : 0,
      s.buriedUntil,
      s.leech ? 1 : 0,
      s.lastEventId,
      s.lastEventAt,
    );
  }

  delete(cardKey: string): void {
    this.deleteStmt.run(cardKey);
  }

  /** Keys of the cards whose last event is at or after `at`. */
  keysWithEventsSince(at: number): string[] {
    return this.sinceStmt.all(at).map((r) => r.card_key);
  }

  *iterate(): Generator<CardState> {
    for (const row of this.allStmt.iterate()) yield toState(row);
  }
}
