// How a card's `tags:` value is split into tags: one definition for the parser and the tag checks.

/**
 * The tags of a card's `tags:` value as grill reads them, each with its offset in `value`: split
 * on commas, each trimmed and unquoted (`"sql"`, `'sql'`), the whole optionally in brackets
 * (`[intern, sql]`, as front matter writes lists). Empty items are dropped.
 */
export function splitTagList(value: string): { tag: string; offset: number }[] {
  let from = 0;
  let to = value.length;
  const open = /^\s*\[/.exec(value);
  if (open && /\]\s*$/.test(value)) {
    from = open[0].length;
    to = value.lastIndexOf(']');
  }
  const tags: { tag: string; offset: number }[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && value[i] !== ',') continue;
    const raw = value.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    let tag = raw.trim();
    let offset = start + lead;
    const quoted = /^(["'])(.*)\1$/.exec(tag);
    if (quoted) {
      tag = (quoted[2] as string).trim();
      offset += 1;
    }
    if (tag !== '') tags.push({ tag, offset });
    start = i + 1;
  }
  return tags;
}
