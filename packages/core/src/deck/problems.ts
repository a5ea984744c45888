// Every problem the deck linter reports, in one place: its stable code, its message and the hint
// that shows the expected form. Parsers report by code; the words live only here.
import { MAX_CLOZE } from './cloze-scan.js';
import { MAX_ID_LENGTH } from './ids.js';
import { CARD_KINDS } from './model.js';

const FIELD_KEYS = ['kind', 'tags', 'typed'];
const title = (name: string) => `### ${name[0]?.toUpperCase()}${name.slice(1)}`;
/** The `###` sections that hold a list, and what one item of each is called. */
export type ListSection = 'options' | 'accept' | 'rubric';
const ITEM: Record<ListSection, string> = {
  options: 'option',
  accept: 'accepted answer',
  rubric: 'rubric point',
};
const anItem = (section: ListSection) => `${/^[aeiou]/.test(ITEM[section]) ? 'an' : 'a'} ${ITEM[section]}`;
const FRONT_MATTER_FORM =
  'front matter needs id: (a slug like http-rest) and title:, optionally description: and tags: [a, b]';

/** The details each problem's words are written from. */
export interface DeckProblemDetails {
  'missing-front-matter': Empty;
  'unclosed-front-matter': Empty;
  'bad-front-matter': { what: string };
  'duplicate-deck-id': { deckId: string; owner: string };
  'control-character': { name: string };
  'unclosed-fence': { fence: string };
  'missing-id': Empty;
  'bad-id': { id: string };
  'duplicate-id': { id: string; firstLine: number };
  'empty-question': Empty;
  'unknown-kind': { kind: string };
  'unknown-field': { field: string };
  'unknown-section': { section: string; sections: readonly string[] };
  'section-not-for-kind': { kind: string; section: string; sections: readonly string[] };
  'duplicate-section': { section: string };
  'missing-answer': { kind: string };
  'empty-answer': Empty;
  'missing-options': Empty;
  'unmarked-option': Empty;
  'too-few-options': Empty;
  'no-correct-option': Empty;
  'missing-accept': Empty;
  'empty-accept': Empty;
  'missing-rubric': Empty;
  'empty-rubric': Empty;
  'nested-list': { section: ListSection };
  'nested-block': { section: ListSection; block: string };
  'split-list': { section: ListSection; before: string; after: string };
  'bad-field-value': { field: string; value: string };
  'field-not-for-kind': { field: string; kind: string };
  'no-cloze': Empty;
  'unclosed-cloze': Empty;
  'bad-cloze-number': { written: string };
  'empty-cloze': Empty;
  'nested-cloze': Empty;
  'cloze-in-comment': Empty;
  'cloze-typo': { written: string; meant: string };
  'cloze-outside-body': { where: string };
  'cloze-without-kind': { kind: string };
  'long-cloze-id': { id: string };
}
type Empty = Record<never, never>;

export type DeckProblemCode = keyof DeckProblemDetails;

type Catalogue = {
  [C in DeckProblemCode]: {
    message: (d: DeckProblemDetails[C]) => string;
    hint: (d: DeckProblemDetails[C]) => string;
  };
};

const NO_ACCEPTED_ANSWERS = {
  message: () => 'typed card has no accepted answers',
  hint: () => 'add ### Accept with a list of accepted answers, e.g. - 409',
};
const NO_RUBRIC_POINTS = {
  message: () => 'open card has no rubric points',
  hint: () => 'add ### Rubric with a list of 3-5 key points',
};

/** Each problem code with what it says (from its details) and how to fix it. */
export const DECK_PROBLEMS: Catalogue = {
  'missing-front-matter': {
    message: () => 'deck has no front matter',
    hint: () => 'start the file with a YAML block: ---, then id: my-deck and title: My deck, then ---',
  },
  'unclosed-front-matter': {
    message: () => 'front matter is never closed',
    hint: () => 'end the YAML block with a line of just ---, before the first card',
  },
  'bad-front-matter': {
    message: (d: { what: string }) => d.what,
    hint: () => FRONT_MATTER_FORM,
  },
  'duplicate-deck-id': {
    message: (d: { deckId: string; owner: string }) => `deck id "${d.deckId}" is already used by ${d.owner}`,
    hint: () => 'each deck needs its own id: rename one of them, or import only one of the two files',
  },
  'control-character': {
    message: (d: { name: string }) => `control character ${d.name} in deck text`,
    hint: () => 'remove it; deck text is shown in terminals, where it would act as a command',
  },
  'unclosed-fence': {
    message: () => 'code fence is never closed',
    hint: (d: { fence: string }) =>
      `close the block with ${d.fence} on its own line; until then it swallows the rest of the file`,
  },
  'missing-id': {
    message: () => 'card has no id',
    hint: () => 'end the heading with a stable id like {#put-vs-patch}, or run `grill lint --fix`',
  },
  'bad-id': {
    message: (d: { id: string }) => `card id "${d.id}" is not valid`,
    hint: () =>
      'use lowercase letters, digits and single dashes, at most 99 characters, e.g. {#put-vs-patch}',
  },
  'duplicate-id': {
    message: (d: { id: string; firstLine: number }) =>
      `duplicate card id "${d.id}" (first used on line ${d.firstLine})`,
    hint: () => 'card ids must be unique within a deck: give this card another id',
  },
  'empty-question': {
    message: () => 'card heading has no question',
    hint: () => 'write the question after ## and before the {#id}',
  },
  'unknown-kind': {
    message: (d: { kind: string }) => `unknown card kind "${d.kind}"`,
    hint: () => `use one of: ${CARD_KINDS.join(', ')}`,
  },
  'unknown-field': {
    message: (d: { field: string }) => `unknown field "${d.field}"`,
    hint: () =>
      `the line under a card heading holds only ${FIELD_KEYS.map((k) => `${k}:`).join(', ')}; leave a blank line before prompt text`,
  },
  'unknown-section': {
    message: (d: { section: string }) => `unknown section "${d.section}"`,
    hint: (d: { sections: readonly string[] }) => `sections are: ${d.sections.map(title).join(', ')}`,
  },
  'section-not-for-kind': {
    message: (d: { kind: string; section: string }) =>
      `a ${d.kind} card has no "${title(d.section)}" section`,
    hint: (d: { kind: string; section: string; sections: readonly string[] }) =>
      `a ${d.kind} card uses: ${d.sections.map(title).join(', ')}${kindHintFor(d.section)}`,
  },
  'duplicate-section': {
    message: (d: { section: string }) => `section "${title(d.section)}" appears twice in this card`,
    hint: () => 'merge the two sections into one',
  },
  'missing-answer': {
    message: (d: { kind: string }) => `${d.kind} card has no answer`,
    hint: () => 'add a ### Answer section with the model answer',
  },
  'empty-answer': {
    message: () => 'the Answer section is empty',
    hint: () => 'write the model answer under ### Answer',
  },
  'missing-options': {
    message: () => 'choice card has no options',
    hint: () => 'add ### Options with a task list: - [x] right, - [ ] wrong',
  },
  'unmarked-option': {
    message: () => 'option is not marked right or wrong',
    hint: () => 'start each option with [x] (correct) or [ ] (wrong)',
  },
  'too-few-options': {
    message: () => 'choice card needs at least two options',
    hint: () => 'list the options as - [x] right and - [ ] wrong',
  },
  'no-correct-option': {
    message: () => 'choice card has no correct option',
    hint: () => 'mark the correct option(s) with [x]',
  },
  // A section missing and a section with an empty list read the same to the author.
  'missing-accept': NO_ACCEPTED_ANSWERS,
  'empty-accept': NO_ACCEPTED_ANSWERS,
  'missing-rubric': NO_RUBRIC_POINTS,
  'empty-rubric': NO_RUBRIC_POINTS,
  // Options, accepted answers and rubric points are each one line of text, read from one flat list.
  'nested-list': {
    message: (d: { section: ListSection }) =>
      `${title(d.section)} takes a flat list, but this list sits inside ${anItem(d.section)}`,
    hint: (d: { section: ListSection }) =>
      `un-indent its items to make each one ${anItem(d.section)} of its own, or write it on the item's line`,
  },
  'nested-block': {
    message: (d: { section: ListSection; block: string }) =>
      `${anItem(d.section)} is one paragraph of text, but this one also holds a ${d.block}`,
    hint: (d: { section: ListSection }) =>
      `keep each ${ITEM[d.section]} to its item's text; code, quotes and longer explanations go under ### Answer`,
  },
  'split-list': {
    message: (d: { section: ListSection; before: string; after: string }) =>
      `${title(d.section)} must be one list, but this ${ITEM[d.section]} starts a second one: ${
        d.before === d.after
          ? 'something between them ended the first'
          : `its marker changed from ${d.before} to ${d.after}`
      }`,
    hint: () => 'give every item the same marker (e.g. all -) and put nothing between the items',
  },
  'bad-field-value': {
    message: (d: { field: string; value: string }) => `${d.field}: takes yes or no, not "${d.value}"`,
    hint: (d: { field: string }) => `write ${d.field}: yes (or leave the field out for no)`,
  },
  'field-not-for-kind': {
    message: (d: { field: string; kind: string }) => `a ${d.kind} card has no ${d.field}: field`,
    hint: () => 'typed: is for cloze cards; a card whose whole answer is typed is kind: typed',
  },
  // Cloze cards (kind: cloze): deletions {{c1::answer}} or {{c1::answer::hint}} in the prompt body.
  'no-cloze': {
    message: () => 'cloze card has no deletions',
    hint: () => 'blank part of the prompt body with {{c1::answer}}, or {{c1::answer::hint}}',
  },
  'unclosed-cloze': {
    message: () => 'cloze deletion is never closed',
    hint: () =>
      'end it with }} in the same paragraph or code block, e.g. {{c1::idempotent}}; braces inside a deletion must pair up',
  },
  'bad-cloze-number': {
    message: (d: { written: string }) => `cloze number "c${d.written}" is not valid`,
    hint: () => `number deletions c1 to c${MAX_CLOZE}, without leading zeros: {{c1::answer}}`,
  },
  'empty-cloze': {
    message: () => 'cloze deletion hides nothing',
    hint: () => 'write the hidden text after ::, e.g. {{c1::idempotent}} or {{c1::idempotent::property}}',
  },
  'nested-cloze': {
    message: () => 'cloze deletion inside another one',
    hint: () => 'deletions do not nest: close the first with }} before the next {{c2::',
  },
  'cloze-in-comment': {
    message: () => 'cloze deletion inside an HTML comment: it would never be shown',
    hint: () => 'move it out of the <!-- … --> comment, or delete it',
  },
  'cloze-typo': {
    message: (d: { written: string; meant: string }) =>
      `"${d.written}" is not a cloze deletion: did you mean ${d.meant}?`,
    hint: () =>
      'deletions are written exactly {{c1::answer}}: a lowercase c, no spaces, two colons (write \\{{ to show braces as text)',
  },
  'cloze-outside-body': {
    message: (d: { where: string }) => `cloze deletion in the ${d.where}: only the prompt body is blanked`,
    hint: () => 'put deletions in the prompt body, between the heading and the first ### section',
  },
  'cloze-without-kind': {
    message: (d: { kind: string }) => `cloze deletion on a ${d.kind} card`,
    hint: () => 'add kind: cloze under the heading, or write \\{{ to show the braces as text',
  },
  'long-cloze-id': {
    message: (d: { id: string }) => `cloze card id "${d.id}" is too long`,
    hint: () =>
      `each number's key adds /c1, /c2 …: keep a cloze card's id to at most ${MAX_ID_LENGTH - 4} characters`,
  },
};

/** A problem's details as an argument list: none when its words need none. */
export type DetailsArg<C extends DeckProblemCode> = keyof DeckProblemDetails[C] extends never
  ? []
  : [DeckProblemDetails[C]];

/** A problem's message and hint, from the catalogue. */
export function describeDeckProblem<C extends DeckProblemCode>(
  code: C,
  ...details: DetailsArg<C>
): { code: C; message: string; hint: string } {
  const entry = DECK_PROBLEMS[code];
  const d = (details[0] ?? {}) as DeckProblemDetails[C];
  return { code, message: entry.message(d), hint: entry.hint(d) };
}

function kindHintFor(section: string): string {
  if (section === 'options') return ' (did you mean kind: choice?)';
  if (section === 'accept') return ' (did you mean kind: typed?)';
  if (section === 'rubric') return ' (did you mean kind: open?)';
  return '';
}

/** The keys a card's field line may hold. */
export const CARD_FIELD_KEYS: readonly string[] = FIELD_KEYS;
