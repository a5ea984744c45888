/**
 * The app's transitions: an action in (a key's, or an effect's result), the next state and the
 * effects to run out. Pure — no engine, no clock, no terminal — so it is tested without
 * rendering (app-reducer.test.ts). What each key's action does is in app-commands.ts. A message
 * lasts for one move: moving on clears it, and actions that leave one set it after.
 */
import { browserCommand, browserResult, browserText } from './app-browser.js';
import { command, home, reveal, show, text, to, top } from './app-commands.js';
import {
  type AppAction,
  type AppState,
  keyContext,
  type SessionSelect,
  type SessionView,
  type Step,
} from './app-state.js';
import { initialCardUi } from './card-reducer.js';
import { type KeyAction, resolveKey } from './keymap.js';
import type { Keypress } from './keys.js';

const isScroll = (action: KeyAction | null): action is KeyAction =>
  !!action && /^(scroll|page)-/.test(action);

/** The action a keypress stands for here (the keymap decides), or null when it does nothing. */
export function inputAction(state: AppState, key: Keypress): AppAction | null {
  const context = keyContext(state);
  const command = resolveKey(context, key);
  // After q the summary is shown and any key leaves; Ctrl+C leaves as an interruption.
  if (context === 'leaving') return { type: 'command', command: command ?? 'quit', key };
  if (context === 'help')
    return command === 'interrupt' || isScroll(command)
      ? { type: 'command', command, key }
      : { type: 'close-help' };
  if (command) return { type: 'command', command, key };
  const text = key.name === 'char' || key.name === 'space' || key.name === 'paste' ? key.text : '';
  return text ? { type: 'text', text, paste: key.name === 'paste' } : null;
}

export function appReducer(state: AppState, action: AppAction): Step {
  switch (action.type) {
    case 'command':
      return browserCommand(state, action.command) ?? command(state, action.command, action.key);
    case 'text':
      return browserText(state, action.text, action.paste) ?? text(state, action.text, action.paste);
    case 'close-help': {
      // Back in the browser's list, the selection comes back into view.
      const list = state.screen.name === 'browser' && !state.browser?.open;
      return to({ ...state, help: null, scroll: { ...top(state.scroll), follow: list } });
    }
    case 'tick':
      if (state.screen.name === 'mock' && state.card.phase === 'question')
        return to(state, { type: 'refresh-preview' }, { type: 'check-countdown' });
      return state.screen.name === 'session' || state.screen.name === 'mock'
        ? to(state, { type: 'refresh-preview' })
        : to(state);
    case 'laid-out': {
      const { offset, max, page } = action;
      const s = state.scroll;
      return to(
        s.offset === offset && s.max === max && s.page === page
          ? state
          : { ...state, scroll: { ...s, offset, max, page } },
      );
    }
    case 'session-started':
      // Nothing to drill: the last session (if any) stays the one to report.
      if (!action.session.current) return home({ ...state, message: nothingToDrill(action.select) });
      return to({ ...show(state, { name: 'session' }), session: action.session, card: initialCardUi });
    case 'mock-started': {
      if (!action.session.current)
        return home({ ...state, message: 'no open questions there (explanations, debugging scenarios)' });
      const { endsAt, perCardMs } = action;
      return to({
        ...show(state, { name: 'mock', endsAt, perCardMs, timedOut: false }),
        session: action.session,
        card: initialCardUi,
        mockReport: null,
      });
    }
    case 'countdown-expired': {
      // Only the question whose countdown it was, while it is still being answered.
      const { screen } = state;
      if (screen.name !== 'mock' || state.card.phase !== 'question') return to(state);
      if (state.session?.current?.card.key !== action.cardKey) return to(state);
      return reveal({ ...state, screen: { ...screen, timedOut: true } });
    }
    case 'mock-report-loaded':
      return to({ ...state, mockReport: action.report });
    case 'answered': {
      const next = { ...state, message: null };
      const step =
        state.screen.name === 'mock' ? movedInMock(next, action.session) : moved(next, action.session);
      if (!action.clockBehind) return step;
      const message =
        "the clock reads earlier than that card's last answer: recorded after it (check the clock)";
      return { ...step, state: { ...step.state, message } };
    }
    case 'undone': {
      const u = action.undone;
      if (!u) return to({ ...state, session: action.session, message: 'nothing to undo in this session' });
      const what = u.type === 'review' ? 'your answer' : u.type === 'bury' ? 'the bury' : 'the suspend';
      return to({
        ...show(state, { name: 'session' }),
        session: action.session,
        card: initialCardUi,
        message: `undone: ${what} — this card is back`,
      });
    }
    case 'set-aside': {
      const step = moved(state, action.session);
      const key = action.cardKey;
      if (!key) return step;
      const message =
        action.how === 'bury'
          ? `buried ${key} until tomorrow (u undoes)`
          : `suspended ${key} (u undoes; grill unsuspend ${key} brings it back)`;
      return { ...step, state: { ...step.state, message } };
    }
    case 'session-updated':
      return to({ ...state, session: action.session });
    case 'edited': {
      const r = action.result;
      if (!r.ok) return to({ ...state, message: `not edited: ${r.message}` });
      return to({ ...state, message: r.changed ? 're-importing…' : 'no changes saved in the editor' });
    }
    case 'reimported': {
      if (action.problem) return to({ ...state, message: `saved, but not re-imported: ${action.problem}` });
      const next = { ...state, message: 'saved and re-imported' };
      // The card was edited away (removed, or its id changed): on to the next card, or the summary.
      if (action.session.current?.card.key !== state.session?.current?.card.key)
        return moved(next, action.session);
      return to({ ...next, session: action.session });
    }
    case 'home-loaded':
      return to({ ...state, home: action.data });
    case 'stats-loaded':
      return to({ ...state, stats: action.data });
    case 'picker-loaded':
      return to({ ...state, picker: action.items });
    case 'summary-loaded':
      return to({ ...state, summaryData: action.data });
    case 'cards-listed':
    case 'card-loaded':
    case 'card-marked':
    case 'card-reimported':
      return browserResult(state, action);
  }
}

/** Why a session did not start. */
function nothingToDrill(select: SessionSelect | undefined): string {
  if (!select) return 'nothing due there right now';
  if (select.kind === 'cram') return 'no cards to cram there (suspended ones are left out)';
  return `nothing comes due in the next ${select.days} ${select.days === 1 ? 'day' : 'days'}`;
}

/** After a mock interview's answer: the next question, or the report when time or questions ran out. */
function movedInMock(state: AppState, session: SessionView): Step {
  const next: AppState = { ...state, session, card: initialCardUi, scroll: top(state.scroll) };
  if (session.current && state.screen.name === 'mock')
    return to({ ...next, screen: { ...state.screen, timedOut: false } });
  return to(show(next, { name: 'mock-report', early: false }), { type: 'load-mock-report' });
}

/** After an answer, undo, bury or suspend: a fresh card, or the summary when none is left. */
function moved(state: AppState, session: SessionView): Step {
  const next: AppState = { ...state, session, card: initialCardUi, scroll: top(state.scroll) };
  if (session.current) return to(next);
  return to(show(next, { name: 'summary', summary: session.summary, early: false }), {
    type: 'load-summary',
  });
}
