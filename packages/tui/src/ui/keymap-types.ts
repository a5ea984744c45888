// The keymap's vocabulary: where the user can be, what a key can do, and what a binding says.
/**
 * Where the user is. On a card: `question` (basic/open/cloze before the answer), `choice`, `typing`
 * (typed card or typed cloze, answer field focused: letters are text), `typed` (field left),
 * `revealed` (answer shown), `rubric` (open card's answer shown: arrows move through the rubric).
 * `leaving`: the summary shown after q, any key leaves. A mock interview: `mock-question` (the
 * countdown runs), `mock-rubric` (the answer shown: tick and rate), `mock-report` (the end).
 * The card browser: `browse-search` (the search field has the keys: letters are text),
 * `browse-list` (the list has them: letters are commands), `browse-card` (a card opened from it).
 */
export type KeyContext =
  | 'home'
  | 'picker'
  | 'question'
  | 'choice'
  | 'typing'
  | 'typed'
  | 'revealed'
  | 'rubric'
  | 'summary'
  | 'leaving'
  | 'stats'
  | 'mock-question'
  | 'mock-rubric'
  | 'mock-report'
  | 'browse-search'
  | 'browse-list'
  | 'browse-card'
  | 'help';

export type KeyAction =
  | 'start-all'
  | 'pick-deck'
  | 'pick-tag'
  | 'open-stats'
  | 'quit'
  | 'interrupt'
  | 'end-session'
  | 'help'
  | 'move-up'
  | 'move-down'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'scroll-top'
  | 'scroll-bottom'
  | 'choose'
  | 'back'
  | 'reveal'
  | 'submit'
  | 'toggle-option'
  | 'backspace'
  | 'clear-field'
  | 'leave-field'
  | 'enter-field'
  | 'rate'
  | 'confirm-rating'
  | 'toggle-point'
  | 'undo'
  | 'edit'
  | 'bury'
  | 'suspend'
  | 'drill-weakest'
  | 'study-ahead'
  | 'open-browser'
  | 'leave-browser'
  | 'open-card'
  | 'toggle-suspend'
  | 'drill-results';

export interface Binding {
  readonly contexts: readonly KeyContext[];
  /** Key names: a character (`q`, `1`), or `enter`, `escape`, `space`, `tab`, `backspace`, `up`, `down`, `pageup`, `pagedown`, `home`, `end`, `ctrl+c`. */
  readonly keys: readonly string[];
  readonly action: KeyAction;
  /** The help overlay's line. */
  readonly help: string;
  /** The footer's short label; bindings without one are listed only in the help. */
  readonly footer?: string;
  /** How the footer writes the keys, where the plain list would be long (`1-4`, `↑↓`). */
  readonly footerKeys?: string;
}
