// What mock interviews add up to, from the review log: the report at the end of one (per topic,
// the rubric points covered, the time per answer, the points most often missed) and the history
// of all of them (grill stats). An answer belongs to the interview its `detail.mock` names.
import { DateTime } from 'luxon';
import type { MockAnswerRow } from '../store/mock-queries.js';
import type { Grill } from './grill.js';
import { weakSpots } from './weak-spots.js';

/** A rubric point missed in the interview, with how often it has been missed in every answer so far. */
export interface MockMissedPoint {
  card: string;
  /** 0-based index in the card's rubric, and its markdown. */
  index: number;
  point: string;
  /** Answers (mock or not) that recorded the covered points and missed this one; at least 1. */
  timesMissed: number;
}

/** One topic (a deck) of an interview. */
export interface MockTopic {
  topic: string;
  answers: number;
  /** Rubric points ticked as covered, of all the points asked. */
  covered: number;
  points: number;
  /** Mean time per answer, ms: from the question shown to the rating. */
  msPerAnswer: number;
  /** The points missed in this interview, most often missed overall first; at most `pointsPerTopic`. */
  missed: MockMissedPoint[];
}

/** The totals of one interview. */
export interface MockSessionSummary {
  /** Its marker: when it started, ms since the epoch. */
  session: number;
  startedAt: string;
  /** When it started in the collection's time zone, `YYYY-MM-DD HH:mm`. */
  started: string;
  answers: number;
  cards: number;
  covered: number;
  points: number;
  timeMs: number;
}

export interface MockReport extends MockSessionSummary {
  /** Topics in the order first asked. */
  topics: MockTopic[];
}

/**
 * The report of the interview that started at `session` (its marker), from its answers in
 * effect. `since` (default: the start) bounds the search: an answer is never recorded before the
 * interview began unless the clock went back, so the caller may pass its earliest answer's time.
 */
export function mockReport(grill: Grill, session: number, since = session, pointsPerTopic = 3): MockReport {
  const answers = grill.store.mock.answers(Math.min(since, session), session);
  const timesMissed = new Map(
    weakSpots(grill, Number.MAX_SAFE_INTEGER).points.map((p) => [`${p.card}#${p.index}`, p.missed] as const),
  );
  const topics = new Map<string, MockTopic & { timeMs: number }>();
  for (const a of answers) {
    const t = topics.get(a.deckId) ?? {
      topic: a.deckId,
      answers: 0,
      covered: 0,
      points: 0,
      msPerAnswer: 0,
      missed: [],
      timeMs: 0,
    };
    const covered = coveredOf(a);
    t.answers++;
    t.covered += covered.size;
    t.points += a.rubric.length;
    t.timeMs += a.durationMs;
    a.rubric.forEach((point, index) => {
      if (covered.has(index)) return;
      const times = timesMissed.get(`${a.cardKey}#${index}`) ?? 1;
      t.missed.push({ card: a.cardKey, index, point, timesMissed: times });
    });
    topics.set(a.deckId, t);
  }
  return {
    ...summarize(grill, session, answers),
    topics: [...topics.values()].map(({ timeMs, ...t }) => ({
      ...t,
      msPerAnswer: Math.round(timeMs / t.answers),
      missed: t.missed
        .sort(
          (a, b) =>
            b.timesMissed - a.timesMissed || (a.card < b.card ? -1 : a.card > b.card ? 1 : a.index - b.index),
        )
        .slice(0, pointsPerTopic),
    })),
  };
}

/** Every mock interview with an answer in effect, newest first. */
export function mockHistory(grill: Grill): MockSessionSummary[] {
  const bySession = new Map<number, MockAnswerRow[]>();
  for (const a of grill.store.mock.answers(0)) {
    const list = bySession.get(a.session);
    if (list) list.push(a);
    else bySession.set(a.session, [a]);
  }
  return [...bySession]
    .sort(([a], [b]) => b - a)
    .map(([session, answers]) => summarize(grill, session, answers));
}

function summarize(grill: Grill, session: number, answers: readonly MockAnswerRow[]): MockSessionSummary {
  const { timeZone } = grill.settings();
  return {
    session,
    startedAt: new Date(session).toISOString(),
    started: DateTime.fromMillis(session, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm'),
    answers: answers.length,
    cards: new Set(answers.map((a) => a.cardKey)).size,
    covered: answers.reduce((n, a) => n + coveredOf(a).size, 0),
    points: answers.reduce((n, a) => n + a.rubric.length, 0),
    timeMs: answers.reduce((n, a) => n + a.durationMs, 0),
  };
}

/** The rubric points an answer covered that the card still has. */
function coveredOf(a: MockAnswerRow): Set<number> {
  return new Set(a.covered.filter((i) => i < a.rubric.length));
}
