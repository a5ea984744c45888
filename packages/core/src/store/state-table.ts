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

/** The derived per-card state cache. */
export class StateTable {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly allStmt;
  private readonly sinceStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], RawState>('SELECT * FROM card_state WHERE card_key = ?');
    this.upsertStmt = db.prepare(
      `INSERT OR REPLACE INTO card_state (card_key, phase, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, last_review, first_review, suspended, buried_until, leech, last_event_id, last_event_at)
       VALUES (@cardKey, @phase, @due, @stability, @difficulty, @elapsedDays, @scheduledDays, @learningSteps, @reps,
         @lapses, @lastReview, @firstReview, @suspended, @buriedUntil, @leech, @lastEventId, @lastEventAt)`,
    );
    this.deleteStmt = db.prepare('DELETE FROM card_state WHERE card_key = ?');
    this.allStmt = db.prepare<[], RawState>('SELECT * FROM card_state');
    this.sinceStmt = db.prepare<[number], { card_key: string }>(
      'SELECT card_key FROM card_state WHERE last_event_at >= ?',
    );
  }

  get(cardKey: string): CardState | undefined {
    const row = this.getStmt.get(cardKey);
    return row ? toState(row) : undefined;
  }

  put(state: CardState): void {
    this.upsertStmt.run({ ...state, suspended: state.suspended ? 1 : 0, leech: state.leech ? 1 : 0 });
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
