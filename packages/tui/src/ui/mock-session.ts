// A mock interview over the engine (grill mock): the questions drawn once at the start
// (mockInterview), asked one at a time while the interview's minutes last, each answer recorded
// at once as a review marked with the interview (its start). Plain logic, no rendering.
import {
  type AnswerDetail,
  type Grill,
  mockInterview,
  previewRatings,
  type QueueEntry,
  type Rating,
} from '@grill/core';
import type { MockOptions } from './app-state.js';
import { type CurrentCard, freshPreview, type SessionCounts, type SessionSummary } from './session.js';

export class MockSession {
  /** When the interview started: the marker its answers carry (`detail.mock`). */
  readonly id: number;
  /** When its minutes run out: no question is asked after. */
  readonly endsAt: number;
  readonly perCardMs: number;
  current: CurrentCard | null = null;
  private readonly questions: readonly string[];
  private asked = 0;
  private readonly answers: { cardKey: string; rating: Rating; durationMs: number }[] = [];
  /** The earliest time an answer was recorded at (earlier than the start only if the clock went back). */
  private earliest: number;
  private counts: SessionCounts = { new: 0, learning: 0, review: 0 };

  constructor(
    private readonly grill: Grill,
    options: MockOptions,
    private readonly clock: () => number,
  ) {
    const now = clock();
    this.id = now;
    this.earliest = now;
    this.endsAt = now + options.minutes * 60_000;
    this.perCardMs = options.perCardMs;
    this.questions = mockInterview(grill, now, options.selection).map((c) => c.key);
    this.advance();
  }

  get answered(): number {
    return this.answers.length;
  }

  /** Where the report's search for this interview's answers starts. */
  get since(): number {
    return this.earliest;
  }

  /** Whether the countdown of the question on screen has run out at `now`. */
  expired(now: number): boolean {
    return this.current !== null && now >= this.current.shownAt + this.perCardMs;
  }

  /** The questions not asked yet, by the queue's kinds (the interview may end before them). */
  left(): SessionCounts {
    return this.counts;
  }

  canUndo(): boolean {
    return false;
  }

  /** Records the answer (marked with this interview) and asks the next question, if time is left. */
  answer(rating: Rating, detail?: AnswerDetail): boolean {
    const current = this.current;
    if (!current) return false;
    const now = this.clock();
    const durationMs = Math.max(0, now - current.shownAt);
    const { event, clockBehind } = this.grill.answer(current.card.key, rating, now, {
      durationMs,
      detail: { ...detail, mock: this.id },
    });
    this.earliest = Math.min(this.earliest, event.at);
    this.answers.push({ cardKey: current.card.key, rating, durationMs });
    this.advance();
    return clockBehind;
  }

  /** Re-computes the interval previews when a new day has begun since they were made (see DrillSession). */
  refreshPreview(now: number): void {
    if (this.current) this.current = freshPreview(this.grill, this.current, now);
  }

  summary(): SessionSummary {
    return {
      answers: this.answers.length,
      cards: new Set(this.answers.map((a) => a.cardKey)).size,
      correct: this.answers.filter((a) => a.rating > 1).length,
      timeMs: this.answers.reduce((t, a) => t + a.durationMs, 0),
    };
  }

  /** The next question still askable (active, not suspended), while the interview's time lasts. */
  private advance(): void {
    const now = this.clock();
    this.current = null;
    while (now < this.endsAt && this.asked < this.questions.length) {
      const key = this.questions[this.asked++] as string;
      const card = this.grill.card(key);
      const state = this.grill.state(key);
      if (!card || card.retired || state.suspended) continue;
      const kind: QueueEntry['kind'] = state.phase === 0 ? 'new' : state.phase === 2 ? 'review' : 'learning';
      this.current = {
        entry: { cardKey: key, deckId: card.deckId, kind, due: state.due },
        card,
        state,
        intervals: previewRatings(state, now, this.grill.settings(card.deckId)),
        previewAt: now,
        shownAt: now,
      };
      break;
    }
    const counts: SessionCounts = { new: 0, learning: 0, review: 0 };
    for (const key of this.questions.slice(this.asked)) {
      const phase = this.grill.state(key).phase;
      counts[phase === 0 ? 'new' : phase === 2 ? 'review' : 'learning']++;
    }
    this.counts = now < this.endsAt ? counts : { new: 0, learning: 0, review: 0 };
  }
}
