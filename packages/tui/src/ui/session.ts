import {
  type AnswerDetail,
  type CardRow,
  type CardState,
  dailyQueue,
  type Grill,
  LEARN_AHEAD_MS,
  nextEntry,
  previewRatings,
  type QueueEntry,
  type QueueFilter,
  type Rating,
} from '@grill/core';

export interface CurrentCard {
  entry: QueueEntry;
  card: CardRow;
  state: CardState;
  /** Due time each rating would give. */
  intervals: Record<Rating, number>;
  shownAt: number;
}

export interface SessionSummary {
  reviewed: number;
  correct: number;
  timeMs: number;
}

/**
 * A drill session over the engine: which card is up, answering it (committed at once), undo,
 * bury and suspend. Plain logic, no rendering: the TUI is a view of this.
 */
export class DrillSession {
  current: CurrentCard | null = null;
  reviewed = 0;
  correct = 0;
  timeMs = 0;
  private readonly ratings: Rating[] = [];
  private left = 0;

  constructor(
    private readonly grill: Grill,
    private readonly filter: QueueFilter,
    private readonly clock: () => number,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    this.advance();
  }

  /** Cards left in this session, including learning cards coming back soon (as of the last move). */
  remaining(): number {
    return this.left;
  }

  answer(rating: Rating, detail?: AnswerDetail): void {
    const current = this.current;
    if (!current) return;
    const now = this.clock();
    const durationMs = Math.max(0, now - current.shownAt);
    this.grill.answer(current.card.key, rating, now, { durationMs, ...(detail ? { detail } : {}) });
    this.reviewed++;
    this.timeMs += durationMs;
    this.ratings.push(rating);
    if (rating > 1) this.correct++;
    this.advance();
  }

  /** Undoes the last answer made on this device and goes back to that card. */
  undo(): boolean {
    const result = this.grill.undo(this.clock());
    if (!result) return false;
    if (result.undone.type === 'review' && this.reviewed > 0) {
      this.reviewed--;
      const last = this.ratings.pop();
      if (last !== undefined && last > 1) this.correct--;
      this.timeMs = Math.max(0, this.timeMs - (result.undone.payload as { durationMs: number }).durationMs);
    }
    this.queue(this.clock());
    this.show(result.undone.cardKey, 'learning');
    return true;
  }

  bury(): void {
    if (!this.current) return;
    this.grill.bury(this.current.card.key, this.clock());
    this.advance();
  }

  suspend(): void {
    if (!this.current) return;
    this.grill.suspend(this.current.card.key, this.clock());
    this.advance();
  }

  /** Re-reads the current card (after its deck file was edited and re-imported). */
  reload(): void {
    if (!this.current) return;
    const card = this.grill.store.cards.get(this.current.card.key);
    if (card && !card.retired) this.current = { ...this.current, card };
    else this.advance();
  }

  summary(): SessionSummary {
    return { reviewed: this.reviewed, correct: this.correct, timeMs: this.timeMs };
  }

  private advance(): void {
    if (this.reviewed >= this.limit) {
      this.current = null;
      this.left = 0;
      return;
    }
    const now = this.clock();
    const queue = this.queue(now);
    const entry = nextEntry(queue, now);
    if (!entry) {
      this.current = null;
      return;
    }
    this.show(entry.cardKey, entry.kind, entry);
  }

  /** Today's queue for this session, remembering how many cards are left in it. */
  private queue(now: number) {
    const queue = dailyQueue(this.grill, now, this.filter);
    const soon = queue.later.filter((e) => e.due - now <= LEARN_AHEAD_MS).length;
    this.left = Math.min(this.limit - this.reviewed, queue.entries.length + soon);
    return queue;
  }

  private show(cardKey: string, kind: QueueEntry['kind'], entry?: QueueEntry): void {
    const card = this.grill.store.cards.get(cardKey);
    if (!card) {
      this.advance();
      return;
    }
    const now = this.clock();
    const state = this.grill.state(cardKey);
    this.current = {
      entry: entry ?? {
        cardKey,
        deckId: card.deckId,
        kind: state.phase === 0 ? 'new' : kind,
        due: state.due,
      },
      card,
      state,
      intervals: previewRatings(state, now, this.grill.settings(card.deckId)),
      shownAt: now,
    };
  }
}
