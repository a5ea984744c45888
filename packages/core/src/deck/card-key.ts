/** Card keys: `deckId/cardId`, how the review log and the store name a card. */

/** The deck id of a card key (the whole key when it has no slash). */
export function deckOf(cardKey: string): string {
  const slash = cardKey.indexOf('/');
  return slash < 0 ? cardKey : cardKey.slice(0, slash);
}
