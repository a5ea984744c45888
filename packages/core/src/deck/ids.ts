/** Deck and card ids: validation and deterministic slugs. */

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 48;
/**
 * Longest deck or card id: a card key `deck/card` stays within the sync protocol's 200
 * characters (MAX_CARD_KEY_LENGTH), so every answer can sync.
 */
export const MAX_ID_LENGTH = 99;

export function isValidId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
}

/**
 * A readable id from a heading's plain text: lowercase ascii words joined by `-`; `fallback` when
 * the text has no latin letters or digits (ids are ascii, so a CJK question has no words to use).
 */
export function slugify(text: string, fallback = 'card'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH && slug) break;
    slug = next.slice(0, MAX_SLUG_LENGTH);
  }
  return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… whichever is not yet in `taken`. Adds the result to `taken`. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
