/**
 * The app's effects: the one place the terminal UI talks to the engine (through the drill
 * session and the screens' data readers) and to the terminal (editor, exit). Each effect a
 * transition asks for runs here and comes back as an action with what the engine answered;
 * no decisions are made here (they are the reducer's).
 */
import {
  aheadCards,
  cardDetail,
  cramCards,
  type Grill,
  listCards,
  mockReport,
  NotFoundError,
  type QueueFilter,
} from '@grill/core';
import type { EditorResult } from '../editor.js';
import type { AppAction, AppEffect, AppExit, SessionSelect, SessionView } from './app-state.js';
import { searchFor } from './browser-reducer.js';
import { MockSession } from './mock-session.js';
import { DrillSession } from './session.js';
import { homeData, pickerData, statsData, summaryData } from './view-data.js';

export interface EffectsContext {
  readonly grill: Grill;
  readonly clock: () => number;
  /** Opens a file at a line in the user's editor; returns when the editor exits. */
  readonly openEditor: (file: string, line: number) => EditorResult;
  /** Re-imports a deck file after editing; returns an error message or null. */
  readonly reimport: (file: string) => Promise<string | null>;
  readonly syncServer: string | null;
  /** Ends the app. */
  readonly exit: (result: AppExit) => void;
}

/**
 * The browser's search waits this long after a key for the next one: keys arriving together (a
 * fast typist, a paste, one write of several keys) make one search, and every key is drawn in the
 * field at once, never held up by a search.
 */
export const SEARCH_DELAY_MS = 40;

export class AppEffects {
  private session: DrillSession | MockSession | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  /** `later` takes the results that come back after the effect returned (a re-import's). */
  constructor(
    private readonly context: EffectsContext,
    private readonly later: (action: AppAction) => void,
  ) {}

  /** Runs an effect; the action returned (if any) carries its result. */
  run(effect: AppEffect): AppAction | null {
    const { grill, clock } = this.context;
    const s = this.session;
    switch (effect.type) {
      case 'start-session': {
        const { filter, limit, select } = effect;
        const list = select ? selected(grill, clock(), select, filter) : (effect.cram ?? null);
        const started = new DrillSession(grill, filter, clock, limit, list, select !== undefined);
        // A session with nothing to drill is not kept: the last one stays the one to report.
        if (started.current) this.session = started;
        return { type: 'session-started', session: sessionView(started), ...(select ? { select } : {}) };
      }
      case 'start-mock': {
        const started = new MockSession(grill, effect.options, clock);
        if (started.current) this.session = started;
        const { endsAt, perCardMs } = started;
        return { type: 'mock-started', session: sessionView(started), endsAt, perCardMs };
      }
      case 'check-countdown': {
        const key = s instanceof MockSession && s.expired(clock()) ? s.current?.card.key : undefined;
        return key ? { type: 'countdown-expired', cardKey: key } : null;
      }
      case 'load-mock-report':
        if (!(s instanceof MockSession)) return null;
        return { type: 'mock-report-loaded', report: mockReport(grill, s.id, s.since) };
      case 'answer': {
        if (!s) return null;
        const clockBehind = s.answer(effect.rating, effect.detail);
        return { type: 'answered', session: sessionView(s), clockBehind };
      }
      case 'undo': {
        if (!(s instanceof DrillSession)) return null;
        const undone = s.undo();
        return { type: 'undone', undone, session: sessionView(s) };
      }
      case 'bury':
      case 'suspend': {
        if (!(s instanceof DrillSession)) return null;
        const cardKey = effect.type === 'bury' ? s.bury() : s.suspend();
        return { type: 'set-aside', how: effect.type, cardKey, session: sessionView(s) };
      }
      case 'refresh-preview': {
        const before = s?.current;
        if (!s || !before) return null;
        s.refreshPreview(clock());
        return s.current === before ? null : { type: 'session-updated', session: sessionView(s) };
      }
      case 'edit':
        return this.edit();
      case 'load-home':
        return { type: 'home-loaded', data: homeData(grill, clock(), this.context.syncServer) };
      case 'load-stats':
        return { type: 'stats-loaded', data: statsData(grill, clock()) };
      case 'load-picker':
        return { type: 'picker-loaded', items: pickerData(grill, effect.kind) };
      case 'load-summary':
        return { type: 'summary-loaded', data: summaryData(grill, clock()) };
      case 'list-cards': {
        this.cancelSearch();
        const { query } = effect;
        const listed = (): AppAction => {
          const search = searchFor(query);
          const cards = listCards(grill, clock(), search === undefined ? {} : { search, asYouType: true });
          return { type: 'cards-listed', query, cards };
        };
        if (!effect.debounce) return listed();
        this.searchTimer = setTimeout(() => {
          this.searchTimer = null;
          this.later(listed());
        }, SEARCH_DELAY_MS);
        return null;
      }
      case 'load-card':
        try {
          return { type: 'card-loaded', key: effect.key, detail: cardDetail(grill, effect.key, clock()) };
        } catch (error) {
          if (error instanceof NotFoundError) return { type: 'card-loaded', key: effect.key, detail: null };
          throw error;
        }
      case 'mark-card':
        grill[effect.how](effect.key, clock());
        return { type: 'card-marked', key: effect.key, how: effect.how };
      case 'edit-card':
        return this.editCard(effect.key);
      case 'exit':
        this.dispose();
        this.context.exit(effect.result);
        return null;
    }
  }

  /** Stops what is still to run (a search waiting for the typing to pause): the app is closing. */
  dispose(): void {
    this.cancelSearch();
  }

  private cancelSearch(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = null;
  }

  /** The browser's edit: the card's deck file at the card; a saved change is re-imported. */
  private editCard(key: string): AppAction | null {
    const card = this.context.grill.card(key);
    const deck = card && this.context.grill.deck(card.deckId);
    if (!card || !deck) return { type: 'card-loaded', key, detail: null };
    const result = this.context.openEditor(deck.sourcePath, card.sourceLine);
    if (result.ok && result.changed)
      void this.context.reimport(deck.sourcePath).then((problem) => {
        this.later({ type: 'card-reimported', key, problem });
      });
    return { type: 'edited', result };
  }

  /** Opens the card's deck file at the card; a saved change is re-imported, and the card re-read. */
  private edit(): AppAction | null {
    const s = this.session;
    const current = s?.current;
    if (!(s instanceof DrillSession) || !current) return null;
    const deck = this.context.grill.deck(current.card.deckId);
    if (!deck) return null;
    const result = this.context.openEditor(deck.sourcePath, current.card.sourceLine);
    if (result.ok && result.changed) {
      void this.context.reimport(deck.sourcePath).then((problem) => {
        if (!problem) s.reload();
        this.later({ type: 'reimported', problem, session: sessionView(s) });
      });
    }
    return { type: 'edited', result };
  }
}

/** The cards of a session on a list (grill drill --cram / --ahead), at `now`. */
function selected(grill: Grill, now: number, select: SessionSelect, filter: QueueFilter): string[] {
  const selection = {
    ...(filter.deck ? { deck: filter.deck } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
  };
  return select.kind === 'cram'
    ? cramCards(grill, now, selection)
    : aheadCards(grill, now, select.days, selection);
}

/** A snapshot of the session for the screens: plain values, read once. */
export function sessionView(s: DrillSession | MockSession): SessionView {
  const left = s.left();
  const canUndo = s.canUndo();
  return {
    current: s.current,
    answered: s.answered,
    left: () => left,
    canUndo: () => canUndo,
    summary: s.summary(),
  };
}
