// The tag vocabulary (issue 17): a `tags.yml` beside decks lists the tags they may use, so that a
// typo or a near-synonym (`databases` beside `database`) is caught by `grill lint` instead of
// splitting a topic in the tag picker. The bundled decks are checked against content/tags.yml; a
// user's deck folder with its own tags.yml is checked against both (its file extends the bundled
// vocabulary). Decks no tags.yml governs are not checked: their tags are their own.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Problem } from './model.js';
import { splitTagList } from './tag-list.js';

/** The file name looked for beside deck files and in the folders above them. */
export const TAG_VOCABULARY_FILE = 'tags.yml';

/** Tags as the parser accepts them: lowercase words joined by hyphens. */
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A vocabulary: each allowed tag with its one-line description, and the files it was read from. */
export interface TagVocabulary {
  tags: Map<string, string>;
  files: string[];
}

/**
 * Reads a tags.yml: a mapping of groups (any names, for the reader) to mappings of tag to a
 * one-line description. Returns the vocabulary and a problem (file:line:col, as deck problems)
 * for each malformed entry: not YAML, a group that is not a mapping, a tag that is not
 * lowercase-words-with-hyphens, a tag listed twice, a description that is not text.
 */
export function readTagVocabulary(
  file: string,
  label = file,
): { vocabulary: TagVocabulary; problems: Problem[] } {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const problems: Problem[] = [];
  const tags = new Map<string, string>();
  const report = (offset: number | undefined, message: string, hint: string) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    problems.push({ file: label, line, column: col, code: 'bad-tag-vocabulary', message, hint });
  };
  const form =
    'write groups of tags, each tag with a one-line description: a line `http:`, under it `  status-codes: HTTP status codes`';
  if (doc.errors.length > 0) {
    report(doc.errors[0]?.pos[0], `${TAG_VOCABULARY_FILE} is not valid YAML`, form);
    return { vocabulary: { tags, files: [label] }, problems };
  }
  const root = doc.contents;
  if (root !== null && !isMap(root))
    report(root?.range?.[0], `${TAG_VOCABULARY_FILE} is not a mapping of groups`, form);
  for (const group of isMap(root) ? root.items : []) {
    const name = isScalar(group.key) ? String(group.key.value) : '?';
    if (!isMap(group.value)) {
      report(isScalar(group.key) ? group.key.range?.[0] : undefined, `group "${name}" holds no tags`, form);
      continue;
    }
    for (const item of group.value.items) {
      const at = isScalar(item.key) ? item.key.range?.[0] : undefined;
      const tag = isScalar(item.key) ? String(item.key.value) : '';
      if (!TAG.test(tag))
        report(at, `"${tag}" is not a tag`, 'tags are lowercase words joined by hyphens: status-codes');
      else if (tags.has(tag)) report(at, `tag "${tag}" is listed twice`, 'list each tag once, in one group');
      else if (
        !isScalar(item.value) ||
        typeof item.value.value !== 'string' ||
        item.value.value.trim() === ''
      )
        report(at, `tag "${tag}" has no description`, `write a one-line description: ${tag}: what it covers`);
      else tags.set(tag, item.value.value.trim());
    }
  }
  return { vocabulary: { tags, files: [label] }, problems };
}

/**
 * The tags.yml files that govern a deck file at `deckFile`: the nearest one in its folder or a
 * folder above it, up to and including `root` (a lint target folder); none outside `root`.
 */
export function nearestTagVocabulary(deckFile: string, root: string): string | undefined {
  const top = path.resolve(root);
  let dir = path.dirname(path.resolve(deckFile));
  for (;;) {
    const candidate = path.join(dir, TAG_VOCABULARY_FILE);
    if (existsSync(candidate)) return candidate;
    const inside = path.relative(top, dir);
    if (dir === top || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
    dir = path.dirname(dir);
  }
}

/** Where a tag is written in a deck file (1-based line and column). */
export interface TagUse {
  tag: string;
  line: number;
  column: number;
}

/**
 * Every tag written in deck `text`: in the front matter's `tags:` (flow `[a, b]`, a comma list, or
 * a block list under it) and in each card's `tags:` field line (right under its `##` heading),
 * read as the parser reads it (splitTagList). Fenced code is skipped, so an example deck inside
 * a card is not read.
 */
export function tagUses(text: string): TagUse[] {
  const lines = text.split(/\r\n|\n|\r/);
  const uses: TagUse[] = [];
  const take = (line: number, from: number) => {
    for (const { tag, offset } of splitTagList((lines[line] as string).slice(from)))
      uses.push({ tag, line: line + 1, column: from + offset + 1 });
  };
  let i = 0;
  if (lines[0]?.trim() === '---') {
    for (i = 1; i < lines.length && lines[i]?.trim() !== '---'; i++) {
      const m = /^tags:\s*/.exec(lines[i] as string);
      if (!m) continue;
      if ((lines[i] as string).slice(m[0].length).trim() !== '') take(i, m[0].length);
      else
        for (; i + 1 < lines.length && /^\s*-\s+\S/.test(lines[i + 1] as string); i++)
          take(i + 1, ((lines[i + 1] as string).indexOf('-') as number) + 1);
    }
    i++;
  }
  let fence: string | null = null;
  let fields = false;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      fields = false;
      continue;
    }
    if (/^##\s/.test(line)) {
      fields = true;
      continue;
    }
    if (!fields) continue;
    // As the parser reads field lines: the key in any case, spaces around it.
    const field = /^\s*(kind|tags|typed)\s*:/i.exec(line);
    if (!field) {
      fields = false;
      continue;
    }
    if (field[1]?.toLowerCase() === 'tags')
      for (const { tag, offset } of splitTagList(line.slice(field[0].length)))
        uses.push({ tag, line: i + 1, column: field[0].length + offset + 1 });
  }
  return uses;
}

/**
 * A warning (severity `warning`, code `unknown-tag`) for each tag in deck `text` that `vocabulary`
 * does not list, at file:line:col, naming the closest listed tag when one is near.
 */
export function unknownTagWarnings(text: string, file: string, vocabulary: TagVocabulary): Problem[] {
  const where = vocabulary.files.join(' + ');
  const own = vocabulary.files.at(-1) as string;
  return tagUses(text)
    .filter((u) => !vocabulary.tags.has(u.tag))
    .map((u) => {
      const near = closestTag(u.tag, [...vocabulary.tags.keys()]);
      return {
        file,
        line: u.line,
        column: u.column,
        code: 'unknown-tag',
        severity: 'warning' as const,
        message: `tag "${u.tag}" is not in the tag vocabulary (${where})`,
        hint: `${near ? `did you mean ${near}? ` : ''}use a tag the vocabulary lists, or add ${u.tag} to ${own} with a one-line description`,
      };
    });
}

/**
 * A warning (code `odd-tag`) for each tag in deck `text` that is not lowercase words joined by
 * hyphens (`My Tag`, `#sql`, `SQL`): it works, but only typed exactly as written, and it cannot be
 * listed in a tags.yml. Checked whatever the folder's vocabulary.
 */
export function tagSyntaxWarnings(text: string, file: string): Problem[] {
  return tagUses(text)
    .filter((u) => !TAG.test(u.tag))
    .map((u) => {
      const plain = u.tag
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      return {
        file,
        line: u.line,
        column: u.column,
        code: 'odd-tag',
        severity: 'warning' as const,
        message: `tag "${u.tag}" is not lowercase words joined by hyphens`,
        hint: `write it${plain ? ` as ${plain}` : ' with letters or digits'}: --tag matches a tag exactly as written, and a tags.yml lists only such tags`,
      };
    });
}

/** The listed tag `tag` most likely meant: a plural or singular of it, else one edit (or swap) away. */
function closestTag(tag: string, tags: readonly string[]): string | undefined {
  const forms = [`${tag}s`, tag.replace(/s$/, ''), tag.replace(/es$/, ''), `${tag}es`];
  const form = tags.find((t) => forms.includes(t));
  if (form) return form;
  return tags.find((t) => oneEditApart(t, tag));
}

/** One insertion, deletion or substitution apart, or two neighbouring letters swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      // Two letters swapped: databses, test-desing.
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
