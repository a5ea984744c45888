// `grill export --revlog-csv`: the review log in the FSRS optimizer's CSV format, the input of
// fsrs-rs's and the FSRS optimizer's command-line tools (and of the binding's
// convertCsvToFsrsItems): one row per answer in effect, oldest first.
import type { Grill } from './grill.js';

/** The header fsrs-rs reads: review_state is the FSRS state before the answer (0 new, 1 learning, 2 review, 3 relearning). */
export const REVLOG_CSV_HEADER = 'card_id,review_time,review_rating,review_state,review_duration';

/**
 * The answers in effect (undone answers left out) as CSV lines, header first: card_id a whole
 * number per card (1, 2, … in the order of each card's first answer; `cardIds` maps it back to
 * the key), review_time in ms since the epoch, review_rating 1–4, review_state the FSRS state
 * before the answer, review_duration in ms. Lines end with \n.
 */
export function revlogCsv(grill: Grill): { lines: Generator<string>; cardIds: Map<string, number> } {
  const cardIds = new Map<string, number>();
  function* lines(): Generator<string> {
    yield `${REVLOG_CSV_HEADER}\n`;
    for (const [key, at, rating, phase, duration] of grill.store.reviews.inTimeOrder()) {
      let id = cardIds.get(key);
      if (id === undefined) {
        id = cardIds.size + 1;
        cardIds.set(key, id);
      }
      yield `${id},${at},${rating},${phase},${duration}\n`;
    }
  }
  return { lines: lines(), cardIds };
}
