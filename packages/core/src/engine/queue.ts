import { clozeSiblingGroup, deckOf } from '../deck/card-key.js';
import { CardPhase, type CardState, retrievability } from '../scheduler/card-state.js';
import { addDays, dayStart, toDayTime } from '../scheduler/day.js';
import { dayNumber, examPace, examWindow, newCardLimit } from '../scheduler/exam-mode.js';
import { interleave, roundRobin } from '../scheduler/queue-order.js';
import type { Grill } from './grill.js';

/** Learning cards due this soon are shown early when nothing else is left (as Anki does). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export type QueueKind = 'learning' | 'review' | 'new';

export interface QueueEntry {
  cardKey: string;
  deckId: string;
  kind: QueueKind;
  /** When it is due (0 for new cards). */
  due: number;
}

export interface QueueFilter {
  deck?: string;
  tag?: string;
  /** Only these cards (e.g. "drill my weakest cards"). */
  keys?: ReadonlySet<string>;
}

export interface DeckDue {
  deckId: string;
  title: string;
  learning: number;
  review: number;
  new: number;
}

export interface DailyQueue {
  /** Cards to show now, in order. */
  entries: QueueEntry[];
  /** Learning cards due later today (they join the queue when due). */
  later: QueueEntry[];
  perDeck: DeckDue[];
  /** The next time anything becomes due after now, or null. */
  nextDue: number | null;
}

/**
 * Today's queue: due learning cards first, then due reviews (lowest retrievability first) with
 * new cards spread among them, new cards in file order and round-robin across decks, all within
 * the daily limits per deck and overall. Buried and suspended cards are skipped. Of the numbers
 * of one cloze card, one a day (as Anki buries siblings): a number answered today, or in learning,
 * holds its siblings back until tomorrow — otherwise the next number would show the answer just
 * given, filled in — and otherwise the first in queue order is offered. In exam mode the hold gives
 * way to the date (examSiblingRules): numbers come together when the days left are too few for one
 * a day, and within the review-only days every number due is reviewed.
 */
export function dailyQueue(grill: Grill, now: number, filter: QueueFilter = {}): DailyQueue {
  const { store } = grill;
  const global = grill.settings();
  const start = dayStart(now, global.rolloverHour, global.timeZone);
  const end = addDays(start, 1, global.rolloverHour, global.timeZone);
  const decks = store.decks.all().filter((d) => !filter.deck || d.id === filter.deck);
  const tagged = filter.tag ? store.cards.keysWithTag(filter.tag) : null;
  const wanted = (key: string) =>
    (!filter.deck || deckOf(key) === filter.deck) &&
    (!tagged || tagged.has(key)) &&
    (!filter.keys || filter.keys.has(key));

  const done = new Map(store.queue.today(start).map((t) => [t.deckId, t]));
  const totalDone = [...done.values()].reduce(
    (acc, t) => ({ newCards: acc.newCards + t.newCards, reviews: acc.reviews + t.reviews }),
    { newCards: 0, reviews: 0 },
  );
  const left = (limit: number, used: number) => Math.max(0, limit - used);
  const limits = newCardLimits(grill, now, done);
  const deckNewLeft = (id: string) => left(limits.deck(id), done.get(id)?.newCards ?? 0);
  const deckReviewLeft = (id: string) => left(grill.settings(id).reviewsPerDay, done.get(id)?.reviews ?? 0);

  // Cloze cards with a number answered today (see above); a number taken into the queue joins.
  const siblingsTaken = new Set(
    store.queue.clozeAnsweredSince(start).map((key) => clozeSiblingGroup(key) as string),
  );
  const firstOfSiblings = (key: string) => {
    const group = clozeSiblingGroup(key);
    if (group === null) return true;
    if (siblingsTaken.has(group)) return false;
    siblingsTaken.add(group);
    return true;
  };
  // In exam mode the hold gives way to the date: a cloze card with as many unseen numbers as days
  // left before the review-only days, or more, introduces them together, and within those days
  // every number due is reviewed, so all are seen and reviewed before the interview.
  const exam = examSiblingRules(grill, now);
  const newSibling = (key: string) => {
    const group = clozeSiblingGroup(key);
    return (group !== null && exam.crowded.has(group)) || firstOfSiblings(key);
  };
  const reviewSibling = (key: string, deckId: string) => exam.reviewOnly.has(deckId) || firstOfSiblings(key);

  const learningNow: QueueEntry[] = [];
  const later: QueueEntry[] = [];
  const reviews: { entry: QueueEntry; r: number }[] = [];
  for (const { deckId, state } of store.queue.dueCandidates(now, end)) {
    if (!wanted(state.cardKey)) continue;
    const entry = toEntry(deckId, state);
    if (entry.kind === 'learning') {
      (state.due <= now ? learningNow : later).push(entry);
      const group = clozeSiblingGroup(entry.cardKey);
      if (group !== null) siblingsTaken.add(group);
    } else reviews.push({ entry, r: retrievability(state, now, grill.settings(deckId)) });
  }
  learningNow.sort((a, b) => a.due - b.due || cmp(a.cardKey, b.cardKey));
  later.sort((a, b) => a.due - b.due || cmp(a.cardKey, b.cardKey));
  reviews.sort((a, b) => a.r - b.r || a.entry.due - b.entry.due || cmp(a.entry.cardKey, b.entry.cardKey));

  const reviewTaken = new Map<string, number>();
  let reviewBudget = left(global.reviewsPerDay, totalDone.reviews);
  const dueReviews: QueueEntry[] = [];
  for (const { entry } of reviews) {
    const n = reviewTaken.get(entry.deckId) ?? 0;
    if (reviewBudget <= 0) break;
    if (n >= deckReviewLeft(entry.deckId) || !reviewSibling(entry.cardKey, entry.deckId)) continue;
    reviewTaken.set(entry.deckId, n + 1);
    reviewBudget--;
    dueReviews.push(entry);
  }

  const perDeckCap = Math.max(0, ...decks.map((d) => deckNewLeft(d.id)));
  // Decks that introduced fewer new cards today go first: the queue is asked again after every
  // answer, so in a fixed order the first deck would give all its new cards before the next one's.
  const fewestFirst = [...decks].sort(
    (a, b) => (done.get(a.id)?.newCards ?? 0) - (done.get(b.id)?.newCards ?? 0),
  );
  const newByDeck = new Map<string, QueueEntry[]>(fewestFirst.map((d) => [d.id, []]));
  // The cap applies after the filter: a tag's new cards late in a deck still come; a fixed list
  // of cards is searched whole.
  const cap = filter.keys ? Number.MAX_SAFE_INTEGER : perDeckCap;
  for (const c of store.queue.newCandidates(now, cap, filter.tag)) {
    if (wanted(c.key) && newSibling(c.key))
      newByDeck.get(c.deckId)?.push({ cardKey: c.key, deckId: c.deckId, kind: 'new', due: 0 });
  }
  const news = roundRobin(newByDeck, deckNewLeft, left(limits.total, totalDone.newCards));

  const entries = [...learningNow, ...interleave(dueReviews, news)];
  const count = (list: QueueEntry[], id: string) => list.filter((e) => e.deckId === id).length;
  const perDeck = decks.map((d) => ({
    deckId: d.id,
    title: d.title,
    learning: count(learningNow, d.id) + count(later, d.id),
    review: count(dueReviews, d.id),
    new: count(news, d.id),
  }));
  const nextDue = later[0]?.due ?? store.queue.nextDue(now + 1);
  return { entries, later, perDeck, nextDue };
}

/**
 * Today's new-card limits, per deck and overall: new-per-day, or in exam mode the pace toward the
 * interview (scheduler/exam-mode.ts newCardLimit), counted from the cards unseen when the day
 * began. Overall: the global limit — the pace of all the decks that follow the global interview
 * date, when one is set — plus the pace of each deck in exam mode toward a date of its own.
 */
function newCardLimits(
  grill: Grill,
  now: number,
  done: ReadonlyMap<string, { newCards: number }>,
): { deck: (id: string) => number; total: number } {
  const global = grill.settings();
  const decks = grill.decks();
  const today = dayNumber(toDayTime(now, global.rolloverHour, global.timeZone));
  // Decks in exam mode toward a date of their own (one already past is back to normal).
  const own = decks.filter((d) => {
    const settings = grill.settings(d.id);
    return settings.interviewDate !== global.interviewDate && examWindow(settings, today) !== null;
  });
  if (global.interviewDate === null && own.length === 0)
    return { deck: (id) => grill.settings(id).newPerDay, total: global.newPerDay };
  const unseenNow = grill.store.queue.unseenByDeck();
  const unseen = (id: string) => (unseenNow.get(id) ?? 0) + (done.get(id)?.newCards ?? 0);
  const perDeck = new Map(decks.map((d) => [d.id, newCardLimit(grill.settings(d.id), today, unseen(d.id))]));
  const owners = new Set(own.map((d) => d.id));
  const followers = decks.filter((d) => !owners.has(d.id)).reduce((n, d) => n + unseen(d.id), 0);
  // A deck paced toward its own date adds its pace to the global limit (its own new-per-day is
  // its cap, as always, not an addition).
  let total = newCardLimit(global, today, followers);
  for (const d of own) total += examPace(grill.settings(d.id), today, unseen(d.id)) ?? 0;
  return { deck: (id) => perDeck.get(id) ?? grill.settings(id).newPerDay, total };
}

/**
 * Where exam mode lets a cloze card's numbers come on one day (see dailyQueue): `crowded`, the
 * cloze cards (deck/card) with at least as many unseen numbers as days left before the review-only
 * days (one a day would leave no day to spare, and a sibling still in learning holds the next
 * back); `reviewOnly`, the decks within their review-only days, where every card due must be
 * reviewed before the interview.
 */
function examSiblingRules(grill: Grill, now: number): { crowded: Set<string>; reviewOnly: Set<string> } {
  const global = grill.settings();
  const today = dayNumber(toDayTime(now, global.rolloverHour, global.timeZone));
  const daysLeft = new Map<string, number>();
  for (const d of grill.decks()) {
    const window = examWindow(grill.settings(d.id), today);
    if (window) daysLeft.set(d.id, window.reviewFrom - today);
  }
  const crowded = new Set<string>();
  const reviewOnly = new Set([...daysLeft].filter(([, n]) => n <= 0).map(([id]) => id));
  if (daysLeft.size === reviewOnly.size) return { crowded, reviewOnly };
  const unseen = new Map<string, number>();
  for (const key of grill.store.queue.unseenClozeNumbers()) {
    const group = clozeSiblingGroup(key) as string;
    if ((daysLeft.get(deckOf(key)) ?? 0) > 0) unseen.set(group, (unseen.get(group) ?? 0) + 1);
  }
  for (const [group, n] of unseen) if (n >= (daysLeft.get(deckOf(group)) as number)) crowded.add(group);
  return { crowded, reviewOnly };
}

/** The card to show now: the head of the queue, else a learning card due within 20 minutes. */
export function nextEntry(queue: DailyQueue, now: number): QueueEntry | null {
  return (
    queue.entries[0] ?? (queue.later[0] && queue.later[0].due - now <= LEARN_AHEAD_MS ? queue.later[0] : null)
  );
}

function toEntry(deckId: string, state: CardState): QueueEntry {
  const kind = state.phase === CardPhase.Review ? 'review' : 'learning';
  return { cardKey: state.cardKey, deckId, kind, due: state.due };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
