// The JSON a schema-11 collection keeps in its single `col` row: settings (`conf`), note types
// (`models`), decks, deck options (`dconf`) and tags, each an object keyed by id. Field names and
// required keys as Anki reads them when it opens such a collection and upgrades it
// (rslib/src/notetype/schema11.rs, decks/schema11.rs, deckconfig/schema11.rs,
// config/schema11.rs): a missing required key makes Anki refuse the whole package.
import { DEFAULT_DECK_ID } from './check-package.js';
import type { AnkiDeck, AnkiNoteType } from './model.js';

/** Update sequence number of a change not yet synced. */
export const USN_UNSYNCED = -1;
/** The deck options every normal deck here uses: Anki's `Default` options group. */
const DEFAULT_CONFIG_ID = 1;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `col.conf`: the settings Anki expects a schema-11 collection to have. */
export function confJson(firstNoteType: number | null): Json {
  return {
    activeDecks: [DEFAULT_DECK_ID],
    curDeck: DEFAULT_DECK_ID,
    curModel: firstNoteType === null ? null : String(firstNoteType),
    nextPos: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    // The v2 scheduler's layout of learning cards: a collection without it is taken for the v1
    // scheduler's, and Anki converts its learning cards on import.
    schedVer: 2,
    sched2021: true,
    creationOffset: null,
  };
}

/**
 * Which fields a card of each template needs to be made: those its question shows. Anki works it
 * out again from the templates whenever it saves a note type; older clients read it from here.
 * Fields shown only inside `{{#Field}}` sections count as well (Anki's own answer there may be
 * "all of them" where this says "any").
 */
function requirements(t: AnkiNoteType): Json[] {
  return t.templates.map((template, ord) => {
    const shown = new Set<number>();
    for (const [, tag = ''] of template.qfmt.matchAll(/\{\{([^{}]*)\}\}/g)) {
      const name =
        tag
          .replace(/^[#^/]/, '')
          .split(':')
          .at(-1)
          ?.trim() ?? '';
      const index = t.fields.indexOf(name);
      if (index >= 0) shown.add(index);
    }
    const ords = [...shown].sort((a, b) => a - b);
    return [ord, ords.length > 0 ? 'any' : 'none', ords];
  });
}

/** A LaTeX document around a card's `[latex]` snippets. */
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\usepackage{amsmath,amssymb}\n\\pagestyle{empty}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

export function modelJson(t: AnkiNoteType, mod: number): Json {
  return {
    id: t.id,
    name: t.name,
    type: t.kind === 'cloze' ? 1 : 0,
    mod,
    usn: USN_UNSYNCED,
    sortf: 0,
    did: DEFAULT_DECK_ID,
    flds: t.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      description: '',
      plainText: false,
      collapsed: false,
      excludeFromSearch: false,
    })),
    tmpls: t.templates.map((template, ord) => ({
      name: template.name,
      ord,
      qfmt: template.qfmt,
      afmt: template.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    css: t.css,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req: requirements(t),
    tags: [],
    vers: [],
  };
}

export function deckJson(deck: AnkiDeck, mod: number): Json {
  const common = {
    id: deck.id,
    name: deck.name,
    mod,
    usn: USN_UNSYNCED,
    // Cards studied today, as [day, count]: nothing yet.
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
  };
  if (deck.filtered) {
    return {
      ...common,
      desc: '',
      dyn: 1,
      resched: true,
      // One search, the cards Anki gathers when the deck is rebuilt: [search, limit, order].
      terms: [['is:due', 100, 0]],
      separate: true,
      delays: null,
      previewDelay: 0,
    };
  }
  return { ...common, desc: deck.description, dyn: 0, conf: DEFAULT_CONFIG_ID, extendNew: 0, extendRev: 0 };
}

/** `col.dconf`: Anki's default deck options, under the id normal decks name. */
export function dconfJson(mod: number): Json {
  return {
    [DEFAULT_CONFIG_ID]: {
      id: DEFAULT_CONFIG_ID,
      name: 'Default',
      mod,
      usn: USN_UNSYNCED,
      dyn: false,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      // Steps in minutes, intervals in days, ease in permille.
      new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
      rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    },
  };
}

/** An object of `items` keyed by their ids, as the `col` columns are. */
export function byId<T extends { id: number }>(items: readonly T[], json: (item: T) => Json): Json {
  return Object.fromEntries(items.map((item) => [String(item.id), json(item)]));
}
