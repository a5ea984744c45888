// The drill session over the engine: one class whose methods share its state, so kept whole (~260 lines).
import {
  type AnswerDetail,
  type CardRecord,
  type CardState,
  type DailyQueue,
  dailyQueue,
  dayStart,
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
  card: CardRecord;
  state: CardState;
  /** Due time each rating would give, as computed at `previewAt`. */
  intervals: Record<Rating, number>;
  previewAt: number;
  shownAt: number;
}

export interface SessionSummary {
  /** Answers given (a card answered Again and then Good counts twice). */
  answers: number;
  /** Different cards answered. */
  cards: number;
  /** Answers rated Hard, Good or Easy. */
  correct: number;
  timeMs: number;
}

/** What is left in the session, by kind, as Anki counts it. */
export interface SessionCounts {
  new: number;
  learning: number;
  review: number;
}

/** An event this session recorded, for undo. */
interface Recorded {
  eventId: string;
  cardKey: string;
  /** The answer's rating and time, for the session's counts; absent for bury and suspend. */
  rating?: Rating;
  durationMs?: number;
}

/** What undo did: the card it brought back and what was cancelled. */
export interface UndoResult {
  cardKey: string;
  type: 'review' | 'bury' | 'suspend';
}

/**
 * A drill session over the engine: which card is up, answering it (committed at once), undo,
 * bury and suspend. Plain logic, no rendering: the TUI is a view of this.
 *
 * Two kinds of session: today's queue (optionally one deck or tag), or a fixed list of cards
 * (`cram`: e.g. the weakest cards) shown whether they are due or not, each once, then any of
 * them that came back into learning as they come due — or, with `listOnly` (grill drill --cram,
 * --ahead), nothing more: the session ends with the list.
 */
export class DrillSession {
  current: CurrentCard | null = null;
  private readonly recorded: Recorded[] = [];
  private counts: SessionCounts = { new: 0, learning: 0, review: 0 };

  constructor(
    private readonly grill: Grill,
    private readonly filter: QueueFilter,
    private readonly clock: () => number,
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly cram: readonly string[] | null = null,
    private readonly listOnly = false,
  ) {
    this.advance();
  }

  /** Answers given in this session (undone ones not counted). */
  get answered(): number {
    return this.recorded.filter((r) => r.rating !== undefined).length;
  }

  /** Cards left in this session by kind (as of the last move), within the session's limit. */
  left(): SessionCounts {
    return this.counts;
  }

  /** Total cards left (the sum of `left()`). */
  remaining(): number {
    return this.counts.new + this.counts.learning + this.counts.review;
  }

  /** Whether this session recorded anything it can still undo. */
  canUndo(): boolean {
    return this.recorded.length > 0;
  }

  /** Records the answer and moves on. True when the clock read earlier than the card's last answer. */
  answer(rating: Rating, detail?: AnswerDetail): boolean {
    const current = this.current;
    if (!current) return false;
    const now = this.clock();
    const durationMs = Math.max(0, now - current.shownAt);
    const { event, clockBehind } = this.grill.answer(current.card.key, rating, now, {
      durationMs,
      ...(detail ? { detail } : {}),
    });
    this.recorded.push({ eventId: event.id, cardKey: current.card.key, rating, durationMs });
    this.advance();
    return clockBehind;
  }

  /**
   * Undoes what this session recorded last (by its event id: an answer made meanwhile in
   * another shell is left alone) and goes back to that card. Again walks further back. Null
   * when this session has nothing left to undo.
   */
  undo(): UndoResult | null {
    while (this.recorded.length > 0) {
      const last = this.recorded.pop() as Recorded;
      const result = this.grill.undo(this.clock(), last.eventId);
      // Already undone elsewhere (grill undo in another shell): look further back.
      if (!result) continue;
      this.refreshCounts(this.clock());
      this.show(last.cardKey, 'learning');
      const type =
        result.undone.type === 'review' ? 'review' : result.undone.type === 'bury' ? 'bury' : 'suspend';
      return { cardKey: last.cardKey, type };
    }
    return null;
  }

  /** Buries the current card until tomorrow; returns its key. */
  bury(): string | null {
    const current = this.current;
    if (!current) return null;
    const { eventId } = this.grill.bury(current.card.key, this.clock());
    this.recorded.push({ eventId, cardKey: current.card.key });
    this.advance();
    return current.card.key;
  }

  /** Suspends the current card; returns its key. */
  suspend(): string | null {
    const current = this.current;
    if (!current) return null;
    const { eventId } = this.grill.suspend(current.card.key, this.clock());
    this.recorded.push({ eventId, cardKey: current.card.key });
    this.advance();
    return current.card.key;
  }

  /**
   * Re-computes the interval previews when a new day has begun since they were made: an answer
   * counts the days since the card's last review, so after the rollover the same rating gives
   * another interval, and what is shown must be what an answer now would give.
   */
  refreshPreview(now: number): void {
    if (this.current) this.current = freshPreview(this.grill, this.current, now);
  }

  /** Re-reads the current card (after its deck file was edited and re-imported). */
  reload(): void {
    if (!this.current) return;
    const card = this.grill.card(this.current.card.key);
    if (card && !card.retired) this.current = { ...this.current, card };
    else this.advance();
  }

  summary(): SessionSummary {
    const answers = this.recorded.filter((r) => r.rating !== undefined);
    return {
      answers: answers.length,
      cards: new Set(answers.map((r) => r.cardKey)).size,
      correct: answers.filter((r) => (r.rating ?? 1) > 1).length,
      timeMs: answers.reduce((t, r) => t + (r.durationMs ?? 0), 0),
    };
  }

  private advance(): void {
    const now = this.clock();
    // One queue computation per card shown: it gives both the next card and the counts.
    const queue = this.listOnly ? null : dailyQueue(this.grill, now, this.filter);
    const next = this.cramLeft()[0] ?? (queue ? nextEntry(queue, now) : null);
    const entry = this.answered >= this.limit ? null : next;
    this.refreshCounts(now, queue ?? undefined);
    if (!entry) {
      this.current = null;
      return;
    }
    this.show(entry.cardKey, entry.kind, entry);
  }

  /** Cards of the cram list not yet answered in this session (and still active, not suspended). */
  private cramLeft(): QueueEntry[] {
    if (!this.cram) return [];
    const done = new Set(this.recorded.map((r) => r.cardKey));
    return this.cram.flatMap((key) => {
      if (done.has(key)) return [];
      const card = this.grill.card(key);
      const state = this.grill.state(key);
      if (!card || card.retired || state.suspended) return [];
      const kind: QueueEntry['kind'] = state.phase === 0 ? 'new' : state.phase === 2 ? 'review' : 'learning';
      return [{ cardKey: key, deckId: card.deckId, kind, due: state.due }];
    });
  }

  /** Counts what is left: the list, and today's queue (with learning cards coming back within 20 minutes). */
  private refreshCounts(now: number, queue?: DailyQueue): void {
    const today = this.listOnly ? null : (queue ?? dailyQueue(this.grill, now, this.filter));
    const soon = today ? today.later.filter((e) => e.due - now <= LEARN_AHEAD_MS) : [];
    const counts: SessionCounts = { new: 0, learning: 0, review: 0 };
    const cram = this.cramLeft();
    const listed = new Set(cram.map((e) => e.cardKey));
    const queued = today ? today.entries.filter((q) => !listed.has(q.cardKey)) : [];
    for (const e of [...cram, ...queued, ...soon]) counts[e.kind]++;
    // A limit caps what is left: new cards are cut first, then learning, then reviews.
    let over = counts.new + counts.learning + counts.review - Math.max(0, this.limit - this.answered);
    for (const kind of ['new', 'learning', 'review'] as const) {
      const cut = Math.min(Math.max(over, 0), counts[kind]);
      counts[kind] -= cut;
      over -= cut;
    }
    this.counts = counts;
  }

  private show(cardKey: string, kind: QueueEntry['kind'], entry?: QueueEntry): void {
    const card = this.grill.card(cardKey);
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
      previewAt: now,
      shownAt: now,
    };
  }
}

/**
 * The card with its interval previews re-computed when a new day has begun since they were made
 * (see DrillSession.refreshPreview); the same card otherwise. Shared with the mock interview.
 */
export function freshPreview<C extends Pick<CurrentCard, 'card' | 'state' | 'intervals' | 'previewAt'>>(
  grill: Grill,
  current: C,
  now: number,
): C {
  const settings = grill.settings(current.card.deckId);
  const day = (t: number) => dayStart(t, settings.rolloverHour, settings.timeZone);
  if (day(now) === day(current.previewAt)) return current;
  return { ...current, intervals: previewRatings(current.state, now, settings), previewAt: now };
}
