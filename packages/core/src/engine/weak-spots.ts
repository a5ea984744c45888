// Weak spots (issue 14): the rubric points most often missed. Every open-card answer records the
// points the user ticked as covered; the points not ticked were missed. Counted from the review
// log (answers in effect), per point, per deck and per tag.
import type { Grill } from './grill.js';

/** One rubric point and how often it was missed. */
export interface MissedPoint {
  card: string;
  deck: string;
  /** 0-based index in the card's rubric, and its markdown. */
  index: number;
  point: string;
  /** Answers that recorded the covered points, and of those the ones that missed this point. */
  answers: number;
  missed: number;
}

/** A deck's or tag's rubric points over all its answers. */
export interface MissedGroup {
  name: string;
  /** Rubric points asked (one per point per answer) and missed. */
  points: number;
  missed: number;
  /** missed / points. */
  rate: number;
}

export interface WeakSpots {
  /** The most missed points: most misses first, then highest miss rate; at most `limit`. */
  points: MissedPoint[];
  /** Per deck and per tag, highest miss rate first. */
  decks: MissedGroup[];
  tags: MissedGroup[];
}

/** The rubric points most often missed (see the file's header); `limit` caps `points`. */
export function weakSpots(grill: Grill, limit = 10): WeakSpots {
  const perPoint = new Map<string, MissedPoint>();
  const groups = { decks: new Map<string, MissedGroup>(), tags: new Map<string, MissedGroup>() };
  const count = (map: Map<string, MissedGroup>, name: string, points: number, missed: number) => {
    const g = map.get(name) ?? { name, points: 0, missed: 0, rate: 0 };
    g.points += points;
    g.missed += missed;
    map.set(name, g);
  };
  for (const answer of grill.store.stats.coveredAnswers()) {
    const covered = new Set(answer.covered);
    let missed = 0;
    answer.rubric.forEach((point, index) => {
      const id = `${answer.cardKey}#${index}`;
      const p = perPoint.get(id) ?? {
        card: answer.cardKey,
        deck: answer.deckId,
        index,
        point,
        answers: 0,
        missed: 0,
      };
      p.answers++;
      if (!covered.has(index)) {
        p.missed++;
        missed++;
      }
      perPoint.set(id, p);
    });
    count(groups.decks, answer.deckId, answer.rubric.length, missed);
    for (const tag of answer.tags) count(groups.tags, tag, answer.rubric.length, missed);
  }
  const ranked = (map: Map<string, MissedGroup>) =>
    [...map.values()]
      .map((g) => ({ ...g, rate: g.points === 0 ? 0 : g.missed / g.points }))
      .sort((a, b) => b.rate - a.rate || b.missed - a.missed || (a.name < b.name ? -1 : 1));
  const points = [...perPoint.values()]
    .filter((p) => p.missed > 0)
    .sort(
      (a, b) =>
        b.missed - a.missed ||
        b.missed / b.answers - a.missed / a.answers ||
        (a.card < b.card ? -1 : a.card > b.card ? 1 : a.index - b.index),
    )
    .slice(0, limit);
  return { points, decks: ranked(groups.decks), tags: ranked(groups.tags) };
}
