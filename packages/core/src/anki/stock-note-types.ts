// Anki's standard note types, laid out as Anki's own (rslib/src/notetype/stock.rs): the same
// names, fields and templates, so that a note of one imports and studies as a note made in Anki.
// The ids and the CSS are grill's: Anki gives each collection's note types ids of its own, and
// recognises these by id when a package is imported again.
import type { AnkiNoteType } from './model.js';

const ANSWER_RULE = '\n\n<hr id=answer>\n\n';

const CSS = `.card {
  font-family: system-ui, sans-serif;
  font-size: 20px;
  line-height: 1.4;
  text-align: left;
  color: black;
  background-color: white;
}
pre {
  text-align: left;
  white-space: pre-wrap;
}
.cloze {
  font-weight: bold;
  color: blue;
}
.nightMode .cloze {
  color: lightblue;
}
`;

export const BASIC: AnkiNoteType = {
  id: 1767225600001,
  name: 'Basic',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}${ANSWER_RULE}{{Back}}` }],
  css: CSS,
};

export const BASIC_AND_REVERSED: AnkiNoteType = {
  id: 1767225600002,
  name: 'Basic (and reversed card)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}${ANSWER_RULE}{{Back}}` },
    { name: 'Card 2', qfmt: '{{Back}}', afmt: `{{FrontSide}}${ANSWER_RULE}{{Front}}` },
  ],
  css: CSS,
};

/** Anki compares what was typed with the `Back` field's text. */
export const BASIC_TYPE_IN: AnkiNoteType = {
  id: 1767225600003,
  name: 'Basic (type in the answer)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}\n\n{{type:Back}}', afmt: `{{Front}}${ANSWER_RULE}{{type:Back}}` },
  ],
  css: CSS,
};

/** One card per cloze number in `Text`: `{{c1::answer}}` or `{{c1::answer::hint}}`. */
export const CLOZE: AnkiNoteType = {
  id: 1767225600004,
  name: 'Cloze',
  kind: 'cloze',
  fields: ['Text', 'Back Extra'],
  templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
  css: CSS,
};
