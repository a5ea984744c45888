/** Card keys: `deckId/cardId`, how the review log and the store name a card. */

/** The deck id of a card key (the whole key when it has no slash). */
export function deckOf(cardKey: string): string {
  const slash = cardKey.indexOf('/');
  return slash < 0 ? cardKey : cardKey.slice(0, slash);
}

/**
 * The card a cloze number belongs to (`deck/card/c2` → `deck/card`: its siblings share it), or
 * null for a key of any other kind (ids have no slash: only cloze numbers add a second one).
 */
export function clozeSiblingGroup(cardKey: string): string | null {
  const m = /^([^/]+\/[^/]+)\/c\d+$/.exec(cardKey);
  return m ? (m[1] as string) : null;
}
