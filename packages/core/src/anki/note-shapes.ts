// Which grill cards a note type's notes make: Anki's standard note types by their names (with
// the suffix Anki adds to a copy, `Basic-a1b2c`) or, renamed or translated, by their exact layout;
// anything else is read as its first two fields, front and back.
import type { AnkiNoteType } from './model.js';

/** How a note type's notes become cards; fields are indexes into the note's fields. */
export type NoteShape =
  /** One basic card; with `reverse`, a second one asking `back` (the card of template 1). */
  | { kind: 'basic'; front: number; back: number; reverse: boolean }
  /** A typed card: `answer` is the accepted answer. */
  | { kind: 'typed'; front: number; answer: number }
  /** A cloze card: `text` holds the deletions, `extra` (or -1) the explanation. */
  | { kind: 'cloze'; text: number; extra: number }
  /** Not a note type grill knows: a basic card from the first two fields. */
  | { kind: 'other'; front: number; back: number };

const BASIC_NAMES = new Set(['basic', 'basic (and reversed card)', 'basic (optional reversed card)']);

/** Field names a template shows, `{{Front}}`, `{{text:Front}}`, `{{type:Back}}` (not FrontSide, not sections). */
function shownFields(template: string): Set<string> {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{\{([^#/^}][^}]*)\}\}/g)) {
    const name = (m[1] ?? '').split(':').pop()?.trim() ?? '';
    if (name !== '' && name !== 'FrontSide') names.add(name);
  }
  return names;
}

const baseName = (name: string) =>
  name
    .trim()
    .replace(/-[0-9a-z]{5}$/i, '')
    .toLowerCase();

export function noteShape(type: AnkiNoteType): NoteShape {
  const field = (name: string) => type.fields.indexOf(name);
  const [first, second] = [0, type.fields.length > 1 ? 1 : -1];
  if (type.kind === 'cloze') {
    const shown = /\{\{cloze:([^}]+)\}\}/.exec(type.templates[0]?.qfmt ?? '')?.[1]?.trim();
    const text = shown !== undefined && field(shown) >= 0 ? field(shown) : first;
    const extra = field('Back Extra') >= 0 ? field('Back Extra') : text === first ? second : first;
    return { kind: 'cloze', text, extra };
  }
  const [t0, t1] = type.templates;
  const typed = /\{\{type:([^}]+)\}\}/.exec(t0?.qfmt ?? '')?.[1]?.trim();
  if (typed !== undefined && field(typed) >= 0 && type.templates.length === 1) {
    const answer = field(typed);
    const front = [...shownFields(t0?.qfmt ?? '')].map(field).find((i) => i >= 0 && i !== answer);
    return { kind: 'typed', front: front ?? (answer === first ? second : first), answer };
  }
  if (second < 0) return { kind: 'other', front: first, back: second };
  const q0 = shownFields(t0?.qfmt ?? '');
  const q1 = shownFields(t1?.qfmt ?? '');
  const [frontName, backName] = [type.fields[first] as string, type.fields[second] as string];
  const forward = q0.size === 1 && q0.has(frontName);
  // Reversed: the second template shows Back alone; optional reversed: only when a third field
  // (Add Reverse) is filled, `{{#Add Reverse}}{{Back}}{{/Add Reverse}}`.
  const third = type.fields[2];
  const optional = third !== undefined && (t1?.qfmt ?? '').includes(`{{#${third}}}`);
  const backward = q1.size === 1 && q1.has(backName) && (type.fields.length === 2 || optional);
  const named = BASIC_NAMES.has(baseName(type.name));
  const fieldsFit = type.fields.length === 2 || (type.fields.length === 3 && optional);
  if ((named || fieldsFit) && forward && type.templates.length === 1 && type.fields.length === 2)
    return { kind: 'basic', front: first, back: second, reverse: false };
  if ((named || fieldsFit) && forward && type.templates.length === 2 && backward)
    return { kind: 'basic', front: first, back: second, reverse: true };
  return { kind: 'other', front: first, back: second };
}
