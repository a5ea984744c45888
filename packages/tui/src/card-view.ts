import {
  type CardRecord,
  type CardState,
  clozeMarkdown,
  formatInterval,
  type Grill,
  previewRatings,
  RATING_NAMES,
  type Rating,
  terminalSafe,
} from '@grill/core';

const PHASES = ['new', 'learning', 'review', 'relearning'] as const;

/**
 * A card as the scripting CLI shows it: content, where it lives, its state and what each rating
 * would do. A cloze card's `body` is its question (its deletions blanked); `filled` is the text
 * with them filled in, `answers` what they hide (what `grill review --typed` is checked against).
 */
export function cardView(grill: Grill, card: CardRecord, state: CardState, now: number) {
  const c = card.content;
  const due = previewRatings(state, now, grill.settings(card.deckId));
  const deck = grill.deck(card.deckId);
  return {
    key: card.key,
    deck: card.deckId,
    kind: c.kind,
    title: c.title,
    body: c.body,
    ...(c.kind === 'choice' ? { options: c.options, multiple: c.multiple } : {}),
    ...(c.kind === 'typed' ? { accept: c.accept } : {}),
    ...(c.kind === 'open' ? { rubric: c.rubric } : {}),
    ...(c.kind === 'cloze'
      ? { cloze: c.cloze, answers: c.answers, typed: c.typed, filled: clozeMarkdown(c.text, c.cloze, true) }
      : {}),
    answer: c.answer,
    why: c.why,
    mistake: c.mistake,
    tags: c.tags,
    source: { file: deck?.sourcePath ?? '', line: card.sourceLine },
    state: {
      phase: PHASES[state.phase],
      due: state.phase === 0 ? null : new Date(state.due).toISOString(),
      reps: state.reps,
      lapses: state.lapses,
      suspended: state.suspended,
      leech: state.leech,
    },
    intervals: Object.fromEntries(
      ([1, 2, 3, 4] as Rating[]).map((r) => [
        RATING_NAMES[r],
        { due: new Date(due[r]).toISOString(), interval: formatInterval(due[r] - now) },
      ]),
    ),
  };
}

export type CardView = ReturnType<typeof cardView>;

/** Plain-text rendering for a terminal without the TUI; deck text has its control characters made visible. */
export function formatCardView(v: CardView): string {
  const lines = [`${v.key}  [${v.kind}]  ${v.tags.join(', ')}`, '', v.title];
  if (v.body) lines.push('', v.body);
  if (v.options) lines.push('', ...v.options.map((o, i) => `  ${i + 1}. ${o.text}`));
  const ratings = Object.entries(v.intervals).map(([name, i], n) => `${n + 1} ${name} ${i.interval}`);
  lines.push('', ratings.join(' · '));
  return terminalSafe(lines.join('\n'));
}
