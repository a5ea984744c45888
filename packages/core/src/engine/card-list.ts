// The card browser (issue 16): every active card with its memory state, filtered, searched (full
// text, store/browse-queries.ts) and sorted — `grill cards`; one card in detail is card-detail.ts.
import { isCalendarDate } from '@grill/protocol/setting-keys';
import type { CardKind } from '../deck/model.js';
import { InvalidInputError } from '../errors.js';
import { CardPhase, retrievability } from '../scheduler/card-state.js';
import { addDays, dayKey, dayStart } from '../scheduler/day.js';
import type { Settings } from '../scheduler/settings.js';
import type { BrowseRow } from '../store/browse-queries.js';
import type { Grill } from './grill.js';

/** FSRS phases by their stored number. */
export const PHASE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** What a card is now: its phase, unless it is suspended or buried (hidden from the drill). */
export type CardStatus = PhaseName | 'suspended' | 'buried';

/**
 * Values of `state` in a card query: new, learning (relearning too) and review select cards in
 * that phase that are neither suspended nor buried; suspended, buried and leech select cards
 * with that flag, whatever their phase.
 */
export const CARD_STATE_FILTERS = ['new', 'learning', 'review', 'suspended', 'buried', 'leech'] as const;
export type CardStateFilter = (typeof CARD_STATE_FILTERS)[number];

/**
 * Orders of a card list: due (soonest first, never-answered cards last), lapses (most first),
 * retrievability (lowest first, never-answered cards last), deck (deck by deck, file order).
 */
export const CARD_SORTS = ['due', 'lapses', 'retrievability', 'deck'] as const;
export type CardSort = (typeof CARD_SORTS)[number];

/** An active card as `grill cards` lists it. Times in ms; memory figures null for a card never answered. */
export interface CardSummary {
  key: string;
  deck: string;
  kind: CardKind;
  title: string;
  tags: string[];
  status: CardStatus;
  phase: PhaseName;
  /** When it is due (null while never answered), and that grill day, YYYY-MM-DD in the collection's zone. */
  due: number | null;
  dueDay: string | null;
  stability: number | null;
  difficulty: number | null;
  /** FSRS's predicted probability (0–1) of recalling it now (scheduler/card-state.ts `retrievability`). */
  retrievability: number | null;
  reps: number;
  lapses: number;
  suspended: boolean;
  /** Buried: hidden until `buriedUntil`. */
  buried: boolean;
  buriedUntil: number | null;
  leech: boolean;
  lastReview: number | null;
}

export interface CardQuery {
  deck?: string;
  tag?: string;
  /** Words to find in the question, prompt and answer (full text); the list is then best match first. */
  search?: string;
  /**
   * `search` is being typed (the card browser searches as you type): its last word may be
   * unfinished, and matches the words it begins (store/browse-queries.ts `typingExpressions`).
   */
  asYouType?: boolean;
  /** One of CARD_STATE_FILTERS. */
  state?: string;
  /** Only cards due before this grill day (YYYY-MM-DD, in the collection's zone) starts. */
  dueBefore?: string;
  /** One of CARD_SORTS; default: best match first when searching, else deck. */
  sort?: string;
  /** At most this many cards (a positive whole number). */
  limit?: number;
}

/**
 * The active cards of `query` at `now` (ms). Throws NotFoundError for an unknown deck or tag,
 * InvalidInputError (`bad-state`, `bad-sort`, `bad-date`, `bad-limit`, `bad-search`) for a bad option.
 */
export function listCards(grill: Grill, now: number, query: CardQuery = {}): CardSummary[] {
  const state = oneOf('state', query.state, CARD_STATE_FILTERS);
  const sort = oneOf('sort', query.sort, CARD_SORTS);
  if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit > 0))
    throw new InvalidInputError('bad-limit', `bad --limit "${query.limit}": a positive whole number`);
  // The index keeps letters, digits, + and #: text without any (`""`, `--`) can match nothing.
  if (query.search !== undefined && !query.asYouType && !/[\p{L}\p{N}+#]/u.test(query.search))
    throw new InvalidInputError(
      'bad-search',
      `bad --search '${query.search}': give words to look for, e.g. --search "N+1"`,
    );
  const before = query.dueBefore === undefined ? undefined : dayStarting(grill, query.dueBefore, now);
  if (query.deck !== undefined) grill.requireDeck(query.deck);
  if (query.tag !== undefined) grill.requireTag(query.tag);
  const settings = deckSettings(grill);
  // Without a filter or order of its own, the store's order is the list's: it stops at the limit.
  const inStoreOrder = state === undefined && before === undefined && sort === undefined;
  const rows = grill.store.browse.cards({
    ...(query.deck !== undefined ? { deck: query.deck } : {}),
    ...(query.tag !== undefined ? { tag: query.tag } : {}),
    ...(query.search !== undefined ? { search: query.search } : {}),
    ...(query.asYouType ? { asYouType: true } : {}),
    ...(inStoreOrder && query.limit !== undefined ? { limit: query.limit } : {}),
  });
  const cards = rows
    .map((row) => ({ position: row.position, card: summarize(row, settings(row.deckId), now) }))
    .filter(
      ({ card }) =>
        (state === undefined || matches(card, state)) &&
        (before === undefined || (card.due ?? Infinity) < before),
    );
  // Rows come best match first (searching) or in deck order; a stable sort keeps that order among equals.
  if (sort !== undefined) cards.sort(ORDERS[sort]);
  return cards.slice(0, query.limit).map(({ card }) => card);
}

/** A card's summary from its stored row and its deck's settings, at `now`. */
export function summarize(row: BrowseRow, settings: Settings, now: number): CardSummary {
  const s = row.state;
  const phase = PHASE_NAMES[s?.phase ?? CardPhase.New];
  const answered = s !== undefined && s.phase !== CardPhase.New && s.lastReview !== null;
  const buried = s?.buriedUntil != null && s.buriedUntil > now;
  const due = answered ? s.due : null;
  return {
    key: row.key,
    deck: row.deckId,
    kind: row.kind,
    title: row.title,
    tags: row.tags,
    status: s?.suspended ? 'suspended' : buried ? 'buried' : phase,
    phase,
    due,
    dueDay: due === null ? null : dayKey(due, settings.rolloverHour, settings.timeZone),
    stability: answered ? s.stability : null,
    difficulty: answered ? s.difficulty : null,
    retrievability: answered ? retrievability(s, now, settings) : null,
    reps: s?.reps ?? 0,
    lapses: s?.lapses ?? 0,
    suspended: s?.suspended ?? false,
    buried,
    buriedUntil: buried ? (s?.buriedUntil ?? null) : null,
    leech: s?.leech ?? false,
    lastReview: s?.lastReview ?? null,
  };
}

function matches(card: CardSummary, filter: CardStateFilter): boolean {
  switch (filter) {
    case 'suspended':
    case 'buried':
    case 'leech':
      return card[filter];
    case 'learning':
      return card.status === 'learning' || card.status === 'relearning';
    default:
      return card.status === filter;
  }
}

type Listed = { position: number; card: CardSummary };
const byNumber = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity) || 0;
const ORDERS: Record<CardSort, (a: Listed, b: Listed) => number> = {
  due: (a, b) => byNumber(a.card.due, b.card.due),
  lapses: (a, b) => b.card.lapses - a.card.lapses,
  retrievability: (a, b) => byNumber(a.card.retrievability, b.card.retrievability),
  deck: (a, b) => (a.card.deck < b.card.deck ? -1 : a.card.deck > b.card.deck ? 1 : a.position - b.position),
};

/** `value` when it is one of `values`; undefined when not given; else InvalidInputError `bad-<name>`. */
function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  values: readonly T[],
): T | undefined {
  if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
  throw new InvalidInputError(`bad-${name}`, `bad --${name} "${value}": one of ${values.join(', ')}`);
}

/** When the grill day `date` (YYYY-MM-DD, the collection's zone and rollover hour) starts, in ms. */
function dayStarting(grill: Grill, date: string, now: number): number {
  if (!isCalendarDate(date))
    throw new InvalidInputError('bad-date', `bad --due-before "${date}": a date like 2026-12-15`);
  const { rolloverHour, timeZone } = grill.settings();
  const today = dayKey(now, rolloverHour, timeZone);
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return addDays(dayStart(now, rolloverHour, timeZone), days, rolloverHour, timeZone);
}

/** Each deck's settings, read once per deck. */
function deckSettings(grill: Grill): (deckId: string) => Settings {
  const cache = new Map<string, Settings>();
  return (deckId) => {
    const known = cache.get(deckId);
    if (known) return known;
    const settings = grill.settings(deckId);
    cache.set(deckId, settings);
    return settings;
  };
}
