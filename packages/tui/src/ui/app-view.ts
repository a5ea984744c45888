/**
 * What is on screen, from the state alone: the current screen's parts (layout/frames.ts) laid
 * out for the terminal. Pure — the engine's data is already in the state, read by the effects.
 */
import { type AppState, keyContext, pickerMatches } from './app-state.js';
import { browserCardParts, browserListParts } from './layout/browser-frames.js';
import {
  cardParts,
  helpParts,
  homeParts,
  layoutScreen,
  pickerParts,
  type ScreenParts,
  statsParts,
  summaryParts,
} from './layout/frames.js';
import { mockCardParts, mockReportParts } from './layout/mock-frames.js';

export interface Terminal {
  columns: number;
  rows: number;
  color: boolean;
}

/** The frame for `state` on `terminal` at `now` (the time on the card ticks). */
export function appFrame(state: AppState, terminal: Terminal, now: number) {
  const cols = Math.max(20, Math.min(terminal.columns, 120) - 1);
  const parts = state.help
    ? helpParts(state.help, cols, terminal.color)
    : screenParts(state, now, cols, terminal.color);
  return layoutScreen(parts, terminal.rows, state.scroll, terminal.color);
}

function screenParts(state: AppState, now: number, cols: number, color: boolean): ScreenParts {
  const { screen, session, message } = state;
  switch (screen.name) {
    case 'session': {
      const current = session?.current;
      if (!session || !current) break;
      const input = { context: keyContext(state), current, ui: state.card, session, message, now };
      return cardParts(input, cols, color);
    }
    case 'mock': {
      const current = session?.current;
      if (!session || !current) break;
      const input = { context: keyContext(state), current, ui: state.card, session, message, now };
      return mockCardParts({ ...input, interview: screen }, cols, color);
    }
    case 'mock-report':
      if (!state.mockReport) break;
      return mockReportParts(state.mockReport, screen.early, message, cols, color);
    case 'picker': {
      const items = pickerMatches(state.picker, screen.filter).map((i) => i.label);
      const title = screen.kind === 'deck' ? 'Drill one deck' : 'Drill one tag';
      return pickerParts(title, screen.filter, items, screen.index, cols, color);
    }
    case 'summary': {
      if (!state.summaryData) break;
      return summaryParts(
        { summary: screen.summary, early: screen.early, ...state.summaryData },
        cols,
        color,
      );
    }
    case 'stats':
      if (!state.stats) break;
      return statsParts(state.stats, message, cols, color);
    case 'browser': {
      const b = state.browser;
      if (!b) break;
      return b.open
        ? browserCardParts(b, b.open, message, now, cols, color)
        : browserListParts(b, keyContext(state), message, cols, color);
    }
    case 'home':
      if (!state.home) break;
      return homeParts(state.home, message, cols, color);
  }
  // The screen's data is read as it is entered, so this is not reached; an empty frame if it were.
  return { context: keyContext(state), header: [], body: [], focus: null, footer: () => [] };
}
