import { dailyQueue, type Grill, type QueueFilter, type Rating, streak } from '@grill/core';
import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { cardReducer, initialCardUi } from './card-reducer.js';
import { type KeyAction, type KeyContext, resolveKey } from './keymap.js';
import { CardScreen } from './screens/CardScreen.js';
import { HelpOverlay } from './screens/HelpOverlay.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { PickerScreen } from './screens/PickerScreen.js';
import { StatsScreen } from './screens/StatsScreen.js';
import { SummaryScreen } from './screens/SummaryScreen.js';
import { DrillSession, type SessionSummary } from './session.js';
import { homeData, statsData } from './view-data.js';

export interface AppProps {
  readonly grill: Grill;
  readonly clock: () => number;
  /** Start a session at once (grill drill) instead of showing home. */
  readonly startWith?: { filter: QueueFilter; limit?: number };
  /** Opens a file at a line in the user's editor; returns when the editor exits. */
  readonly openEditor: (file: string, line: number) => void;
  /** Re-imports a deck file after editing; returns an error message or null. */
  readonly reimport: (file: string) => Promise<string | null>;
  /** The sync server this machine is logged in to, if any (shown on the home screen). */
  readonly syncServer?: string | null;
  /** A note to show on the first screen (e.g. the result of syncing on start). */
  readonly initialMessage?: string | null;
}

type Screen =
  | { name: 'home' }
  | { name: 'picker'; kind: 'deck' | 'tag'; index: number }
  | { name: 'session' }
  | { name: 'summary'; summary: SessionSummary }
  | { name: 'stats' };

/** The container: holds the screen and the session, maps keys to actions. Screens are presentational. */
export function App({
  grill,
  clock,
  startWith,
  openEditor,
  reimport,
  syncServer = null,
  initialMessage = null,
}: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const width = Math.max(40, Math.min(stdout.columns || 80, 120) - 1);
  const height = stdout.rows || 24;
  const session = useRef<DrillSession | null>(null);
  const messageRef = useRef<string | null>(initialMessage);
  const helpRef = useRef(false);
  const setMessage = (m: string | null) => {
    messageRef.current = m;
  };
  const setHelp = (h: boolean) => {
    helpRef.current = h;
  };
  // Keys can arrive faster than React re-renders, so the state the key handler reads lives in
  // refs, updated at once; `repaint` then renders it.
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const uiRef = useRef(initialCardUi);
  const dispatchUi = (action: Parameters<typeof cardReducer>[2]) => {
    const card = session.current?.current?.card.content;
    uiRef.current =
      action.type === 'reset'
        ? initialCardUi
        : card
          ? cardReducer(card, uiRef.current, action)
          : uiRef.current;
  };

  const start = useCallback(
    (filter: QueueFilter, limit?: number): Screen => {
      const s = new DrillSession(grill, filter, clock, limit);
      if (!s.current) {
        setMessage('nothing due there right now');
        return { name: 'home' };
      }
      session.current = s;
      dispatchUi({ type: 'reset' });
      return { name: 'session' };
    },
    [grill, clock],
  );

  const screenRef = useRef<Screen | null>(null);
  screenRef.current ??= startWith ? start(startWith.filter, startWith.limit) : { name: 'home' };
  const setScreen = (next: Screen) => {
    screenRef.current = next;
  };
  const screen = screenRef.current;
  const ui = uiRef.current;
  const message = messageRef.current;
  const help = helpRef.current;
  const home = useMemo(
    () => (screen.name === 'home' ? homeData(grill, clock(), syncServer) : null),
    [screen, grill, clock, message, syncServer],
  );
  const stats = useMemo(
    () => (screen.name === 'stats' ? statsData(grill, clock()) : null),
    [screen, grill, clock],
  );
  const current = session.current?.current ?? null;
  const remaining = screen.name === 'session' && session.current ? session.current.remaining() : 0;

  const afterSessionChange = () => {
    const s = session.current;
    dispatchUi({ type: 'reset' });
    if (s && !s.current) setScreen({ name: 'summary', summary: s.summary() });
  };

  const rate = (rating: Rating) => {
    const s = session.current;
    if (!s?.current) return;
    const card = s.current.card.content;
    const ui = uiRef.current;
    const detail =
      card.kind === 'choice'
        ? { chosen: ui.chosen, correct: ui.correct ?? false }
        : card.kind === 'typed'
          ? { typed: ui.typed, correct: ui.correct ?? false }
          : card.kind === 'open'
            ? { covered: ui.covered }
            : undefined;
    s.answer(rating, detail);
    setMessage(null);
    afterSessionChange();
  };

  /** Which key bindings apply, from the state as it is now (not as last rendered). */
  const currentContext = (): KeyContext => {
    const screen = screenRef.current ?? { name: 'home' };
    if (screen.name === 'picker') return 'picker';
    if (screen.name !== 'session') return screen.name;
    if (uiRef.current.phase === 'revealed') return 'revealed';
    return session.current?.current?.card.content.kind === 'typed' ? 'typing' : 'question';
  };

  const run = (action: KeyAction, input: string) => {
    const s = session.current;
    const screen = screenRef.current ?? { name: 'home' };
    const current = s?.current ?? null;
    if (action === 'start-all' || action === 'choose' || action === 'drill-weakest') setMessage(null);
    switch (action) {
      case 'quit':
        exit();
        return;
      case 'help':
        setHelp(true);
        return;
      case 'start-all':
        setScreen(start({}));
        return;
      case 'pick-deck':
      case 'pick-tag':
        setScreen({ name: 'picker', kind: action === 'pick-deck' ? 'deck' : 'tag', index: 0 });
        return;
      case 'open-stats':
        setScreen({ name: 'stats' });
        return;
      case 'back':
        setMessage(null);
        setScreen({ name: 'home' });
        return;
      case 'up':
      case 'down': {
        const delta = action === 'up' ? -1 : 1;
        if (screen.name === 'picker') {
          const n = pickerItems(screen.kind).length;
          setScreen({ ...screen, index: (screen.index + delta + n) % n });
        } else dispatchUi({ type: 'move', delta });
        return;
      }
      case 'choose':
        if (screen.name === 'picker') {
          const item = pickerItems(screen.kind)[screen.index];
          if (item)
            setScreen(start(screen.kind === 'deck' ? { deck: item.split(' ')[0] ?? item } : { tag: item }));
        }
        return;
      case 'drill-weakest': {
        const keys = new Set(stats?.weakest.map((w) => w.key) ?? []);
        setScreen(keys.size > 0 ? start({ keys }) : { name: 'home' });
        return;
      }
      case 'reveal':
      case 'submit':
        if (
          action === 'submit' &&
          current?.card.content.kind !== 'choice' &&
          current?.card.content.kind !== 'typed'
        )
          return;
        dispatchUi({ type: 'reveal' });
        return;
      case 'toggle-option':
        dispatchUi({ type: 'toggle-option', index: Number(input) - 1 });
        return;
      case 'backspace':
        dispatchUi({ type: 'backspace' });
        return;
      case 'toggle-point':
        dispatchUi({ type: 'toggle-point' });
        return;
      case 'rate':
        rate(Number(input) as Rating);
        return;
      case 'confirm-rating':
        if (uiRef.current.rating) rate(uiRef.current.rating);
        else setMessage('press 1-4 to rate');
        return;
      case 'undo':
        if (s?.undo()) {
          setMessage('undone — this card is back');
          afterSessionChange();
        } else setMessage('nothing to undo');
        return;
      case 'bury':
        s?.bury();
        setMessage('buried until tomorrow');
        afterSessionChange();
        return;
      case 'suspend':
        s?.suspend();
        setMessage('suspended (grill unsuspend KEY brings it back)');
        afterSessionChange();
        return;
      case 'edit': {
        if (!s?.current) return;
        const deck = grill.store.decks.get(s.current.card.deckId);
        if (!deck) return;
        openEditor(deck.sourcePath, s.current.card.sourceLine);
        void reimport(deck.sourcePath).then((problem) => {
          s.reload();
          setMessage(problem ? `not re-imported: ${problem}` : 'saved and re-imported');
          afterSessionChange();
          repaint();
        });
        return;
      }
    }
  };

  useInput((input, key) => {
    if (helpRef.current) setHelp(false);
    else {
      const context = currentContext();
      const action = resolveKey(context, input, key);
      if (action) run(action, input);
      else if (context === 'typing' && input && !key.ctrl && !key.meta && input >= ' ') {
        dispatchUi({ type: 'type', text: input });
      }
    }
    repaint();
  });

  function pickerItems(kind: 'deck' | 'tag'): string[] {
    return kind === 'deck'
      ? grill.store.decks.all().map((d) => `${d.id}  ${d.title}`)
      : grill.store.cards.tags();
  }

  if (help) return <HelpOverlay />;
  return (
    <Box flexDirection="column">
      {screen.name === 'home' && home ? <HomeScreen data={home} width={width} message={message} /> : null}
      {screen.name === 'picker' ? (
        <PickerScreen
          title={screen.kind === 'deck' ? 'Drill one deck' : 'Drill one tag'}
          items={pickerItems(screen.kind)}
          index={screen.index}
          height={height}
        />
      ) : null}
      {screen.name === 'session' && current ? (
        <CardScreen
          current={current}
          ui={ui}
          done={session.current?.reviewed ?? 0}
          remaining={remaining}
          width={width}
          now={current.shownAt}
          message={message}
        />
      ) : null}
      {screen.name === 'summary' ? (
        <SummaryScreen
          summary={screen.summary}
          dueTomorrow={dueTomorrow(grill, clock())}
          streak={streak(grill, clock())}
        />
      ) : null}
      {screen.name === 'stats' && stats ? <StatsScreen data={stats} width={width} /> : null}
    </Box>
  );
}

function dueTomorrow(grill: Grill, now: number): number {
  const q = dailyQueue(grill, now + 86_400_000);
  return q.perDeck.reduce((n, d) => n + d.learning + d.review, 0);
}
