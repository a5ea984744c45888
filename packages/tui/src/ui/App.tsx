import { type Grill, type QueueFilter, type Rating, streak, upcoming } from '@grill/core';
import { useApp, useStdout } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import type { EditorResult } from '../editor.js';
import { type CardAction, cardReducer, initialCardUi } from './card-reducer.js';
import { Frame } from './components/Frame.js';
import { type KeyAction, type KeyContext, resolveKey } from './keymap.js';
import type { Keypress } from './keys.js';
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
import { colorEnabled } from './markdown.js';
import { DrillSession, type SessionSummary } from './session.js';
import { useKeypresses } from './use-keypresses.js';
import { homeData, statsData } from './view-data.js';

/** How the app ended: Ctrl+C (`interrupted`) or q, with the last session's summary. */
export interface AppExit {
  interrupted: boolean;
  summary: SessionSummary | null;
}

export interface AppProps {
  readonly grill: Grill;
  readonly clock: () => number;
  /** Start a session at once (grill drill) instead of showing home. */
  readonly startWith?: { filter: QueueFilter; limit?: number };
  /** Opens a file at a line in the user's editor; returns when the editor exits. */
  readonly openEditor: (file: string, line: number) => EditorResult;
  /** Re-imports a deck file after editing; returns an error message or null. */
  readonly reimport: (file: string) => Promise<string | null>;
  /** The sync server this machine is logged in to, if any (shown on the home screen). */
  readonly syncServer?: string | null;
  /** A note to show on the first screen (e.g. the result of syncing on start). */
  readonly initialMessage?: string | null;
  /** The terminal's size, when not the output stream's (tests). */
  readonly size?: { columns: number; rows: number };
  /** Colours on or off (default: NO_COLOR / FORCE_COLOR decide). */
  readonly color?: boolean;
  /** Told how the app ends, just before it does. */
  readonly onExit?: (result: AppExit) => void;
}

export type Screen =
  | { name: 'home' }
  | { name: 'picker'; kind: 'deck' | 'tag'; index: number; filter: string }
  | { name: 'session' }
  | { name: 'summary'; summary: SessionSummary; early: boolean }
  | { name: 'stats' };

/** The container: holds the screen and the session, maps keys to actions. Layout is in layout/. */
export function App(props: AppProps) {
  const { grill, clock, startWith, openEditor, reimport, syncServer = null, initialMessage = null } = props;
  const { exit } = useApp();
  const { stdout } = useStdout();
  const color = props.color ?? colorEnabled();
  const size = useTerminalSize(stdout, props.size);
  const cols = Math.max(20, Math.min(size.columns, 120) - 1);

  // Keys can arrive faster than React re-renders, so everything the key handler reads lives in
  // refs, updated at once; `repaint` then renders it.
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const session = useRef<DrillSession | null>(null);
  const message = useRef<string | null>(initialMessage);
  const help = useRef<KeyContext | null>(null);
  const ui = useRef(initialCardUi);
  const scroll = useRef({ offset: 0, follow: false, page: 10, max: 0 });
  const lastSummary = useRef<SessionSummary | null>(null);
  // Home and stats data are read once per visit of the screen (and again when the message changes).
  const cache = useRef<{ screen: Screen; message: string | null; data: unknown } | null>(null);
  const cached = <T,>(screen: Screen, read: () => T): T => {
    const c = cache.current;
    if (c?.screen === screen && c.message === message.current) return c.data as T;
    const data = read();
    cache.current = { screen, message: message.current, data };
    return data;
  };

  const dispatchUi = (action: CardAction) => {
    const card = session.current?.current?.card.content;
    ui.current = action.type === 'reset' || !card ? initialCardUi : cardReducer(card, ui.current, action);
  };
  const resetScroll = () => {
    scroll.current = { ...scroll.current, offset: 0, follow: false };
  };

  const start = (filter: QueueFilter, limit?: number, cram?: readonly string[]): Screen => {
    const s = new DrillSession(grill, filter, clock, limit, cram ?? null);
    if (!s.current) {
      message.current = 'nothing due there right now';
      return { name: 'home' };
    }
    session.current = s;
    dispatchUi({ type: 'reset' });
    resetScroll();
    return { name: 'session' };
  };

  const screenRef = useRef<Screen | null>(null);
  screenRef.current ??= startWith ? start(startWith.filter, startWith.limit) : { name: 'home' };
  const setScreen = (next: Screen) => {
    screenRef.current = next;
    resetScroll();
  };

  /** After an answer, undo, bury or suspend: the next card, or the summary when none is left. */
  const afterSessionChange = () => {
    const s = session.current;
    dispatchUi({ type: 'reset' });
    resetScroll();
    if (s && !s.current) {
      lastSummary.current = s.summary();
      setScreen({ name: 'summary', summary: s.summary(), early: false });
    }
  };

  const rate = (rating: Rating) => {
    const s = session.current;
    if (!s?.current) return;
    const card = s.current.card.content;
    const u = ui.current;
    const detail =
      card.kind === 'choice'
        ? { chosen: u.chosen, correct: u.correct ?? false }
        : card.kind === 'typed'
          ? { typed: u.typed, correct: u.correct ?? false }
          : card.kind === 'open'
            ? { covered: u.covered }
            : undefined;
    const clockBehind = s.answer(rating, detail);
    message.current = null;
    afterSessionChange();
    if (clockBehind)
      message.current =
        "the clock reads earlier than that card's last answer: recorded after it (check the clock)";
  };

  /** Which key bindings apply, from the state as it is now (not as last rendered). */
  const context = (): KeyContext => {
    if (help.current) return 'help';
    const screen = screenRef.current ?? { name: 'home' };
    if (screen.name === 'summary') return screen.early ? 'leaving' : 'summary';
    if (screen.name !== 'session') return screen.name;
    const kind = session.current?.current?.card.content.kind;
    if (ui.current.phase === 'revealed') return kind === 'open' ? 'rubric' : 'revealed';
    if (kind === 'choice') return 'choice';
    if (kind === 'typed') return ui.current.editing ? 'typing' : 'typed';
    return 'question';
  };

  const pickerItems = (kind: 'deck' | 'tag', filter: string): { value: string; label: string }[] => {
    const all =
      kind === 'deck'
        ? grill.decks().map((d) => ({ value: d.id, label: `${d.id}  ${d.title}` }))
        : grill.tagCounts().map((t) => ({
            value: t.tag,
            label: `${t.tag} (${t.cards} ${t.cards === 1 ? 'card' : 'cards'})`,
          }));
    const f = filter.toLowerCase();
    return f ? all.filter((i) => i.label.toLowerCase().includes(f)) : all;
  };

  const leave = (interrupted: boolean) => {
    const result: AppExit = { interrupted, summary: lastSummary.current };
    props.onExit?.(result);
    exit(result);
  };

  const edit = () => {
    const s = session.current;
    const current = s?.current;
    if (!s || !current) return;
    const deck = grill.deck(current.card.deckId);
    if (!deck) return;
    const result = openEditor(deck.sourcePath, current.card.sourceLine);
    if (!result.ok) {
      message.current = `not edited: ${result.message}`;
      return;
    }
    if (!result.changed) {
      message.current = 'no changes saved in the editor';
      return;
    }
    message.current = 're-importing…';
    void reimport(deck.sourcePath).then((problem) => {
      if (problem) message.current = `saved, but not re-imported: ${problem}`;
      else {
        s.reload();
        message.current = 'saved and re-imported';
        if (!s.current) afterSessionChange();
      }
      repaint();
    });
  };

  const run = (action: KeyAction, key: Keypress) => {
    const s = session.current;
    const screen = screenRef.current ?? { name: 'home' };
    const sc = scroll.current;
    switch (action) {
      case 'quit':
        leave(false);
        return;
      case 'interrupt':
        if (s) lastSummary.current = s.summary();
        leave(true);
        return;
      case 'end-session':
        if (!s) return;
        lastSummary.current = s.summary();
        message.current = null;
        setScreen({ name: 'summary', summary: s.summary(), early: true });
        return;
      case 'help':
        help.current = context();
        sc.offset = 0;
        return;
      case 'start-all':
        message.current = null;
        setScreen(start({}));
        return;
      case 'pick-deck':
      case 'pick-tag':
        message.current = null;
        setScreen({ name: 'picker', kind: action === 'pick-deck' ? 'deck' : 'tag', index: 0, filter: '' });
        return;
      case 'open-stats':
        message.current = null;
        setScreen({ name: 'stats' });
        return;
      case 'back':
        if (screen.name === 'picker' && screen.filter) {
          screenRef.current = { ...screen, filter: '', index: 0 };
          return;
        }
        message.current = null;
        setScreen({ name: 'home' });
        return;
      case 'move-up':
      case 'move-down': {
        const delta = action === 'move-up' ? -1 : 1;
        if (screen.name === 'picker') {
          const n = pickerItems(screen.kind, screen.filter).length;
          if (n > 0) screenRef.current = { ...screen, index: (screen.index + delta + n) % n };
          sc.follow = true;
        } else {
          const before = ui.current.cursor;
          dispatchUi({ type: 'move', delta });
          // Past the first or last rubric point the arrows scroll on (to the answer below, say).
          if (ui.current.cursor === before) {
            sc.offset = Math.max(0, Math.min(sc.max, sc.offset + delta));
            sc.follow = false;
          } else sc.follow = true;
        }
        return;
      }
      case 'scroll-up':
      case 'scroll-down':
      case 'page-up':
      case 'page-down':
      case 'scroll-top':
      case 'scroll-bottom': {
        const step = { 'scroll-up': -1, 'scroll-down': 1, 'page-up': -sc.page, 'page-down': sc.page }[
          action as 'scroll-up'
        ];
        sc.offset =
          action === 'scroll-top'
            ? 0
            : action === 'scroll-bottom'
              ? sc.max
              : Math.max(0, Math.min(sc.max, sc.offset + (step ?? 0)));
        sc.follow = false;
        return;
      }
      case 'choose':
        if (screen.name === 'picker') {
          const item = pickerItems(screen.kind, screen.filter)[screen.index];
          if (item) setScreen(start(screen.kind === 'deck' ? { deck: item.value } : { tag: item.value }));
        }
        return;
      case 'drill-weakest': {
        const weakest = statsData(grill, clock()).weakest.map((w) => w.key);
        if (weakest.length === 0) {
          message.current = 'no weak cards yet: none has lapsed';
          return;
        }
        message.current = null;
        setScreen(start({ keys: new Set(weakest) }, undefined, weakest));
        return;
      }
      case 'submit': {
        const card = s?.current?.card.content;
        if (card?.kind === 'choice' && ui.current.chosen.length === 0) {
          message.current = `choose an option first (1-${card.options.length}), or Space to give up`;
          return;
        }
        message.current = null;
        dispatchUi({ type: 'reveal' });
        sc.follow = true;
        return;
      }
      case 'reveal':
        message.current = null;
        dispatchUi({ type: 'reveal' });
        // The result (typed) or the rubric's first point (open) comes into view.
        sc.follow = true;
        return;
      case 'toggle-option': {
        const card = s?.current?.card.content;
        const n = card?.kind === 'choice' ? card.options.length : 0;
        if (Number(key.text) > n) {
          message.current = `there is no option ${key.text}: press 1-${n}`;
          return;
        }
        message.current = null;
        dispatchUi({ type: 'toggle-option', index: Number(key.text) - 1 });
        return;
      }
      case 'backspace':
        if (screen.name === 'picker')
          screenRef.current = { ...screen, filter: screen.filter.slice(0, -1), index: 0 };
        else {
          dispatchUi({ type: 'backspace' });
          sc.follow = true;
        }
        return;
      case 'clear-field':
      case 'leave-field':
      case 'enter-field':
        dispatchUi({ type: action });
        return;
      case 'toggle-point':
        dispatchUi({ type: 'toggle-point' });
        sc.follow = true;
        return;
      case 'rate':
        rate(Number(key.text) as Rating);
        return;
      case 'confirm-rating':
        if (ui.current.rating) rate(ui.current.rating);
        else message.current = 'press 1-4 to rate';
        return;
      case 'undo': {
        const undone = s?.undo();
        if (!undone) {
          message.current = 'nothing to undo in this session';
          return;
        }
        dispatchUi({ type: 'reset' });
        resetScroll();
        screenRef.current = { name: 'session' };
        message.current = `undone: ${undone.type === 'review' ? 'your answer' : undone.type === 'bury' ? 'the bury' : 'the suspend'} — this card is back`;
        return;
      }
      case 'bury': {
        const key = s?.bury();
        afterSessionChange();
        if (key) message.current = `buried ${key} until tomorrow (u undoes)`;
        return;
      }
      case 'suspend': {
        const key = s?.suspend();
        afterSessionChange();
        if (key) message.current = `suspended ${key} (u undoes; grill unsuspend ${key} brings it back)`;
        return;
      }
      case 'edit':
        edit();
        return;
    }
  };

  const onKey = (key: Keypress) => {
    const ctx = context();
    if (ctx === 'leaving') {
      leave(key.name === 'ctrl' && key.text === 'c');
      return;
    }
    const action = resolveKey(ctx, key);
    if (ctx === 'help') {
      if (action === 'interrupt') leave(true);
      else if (action?.startsWith('scroll') || action?.startsWith('page')) run(action, key);
      else {
        help.current = null;
        resetScroll();
      }
      return;
    }
    if (action) {
      // A message stays for one card: moving on clears it (actions that set one set it after).
      run(action, key);
      return;
    }
    const text = key.name === 'char' || key.name === 'space' || key.name === 'paste' ? key.text : '';
    if (!text) return;
    const screen = screenRef.current;
    if (ctx === 'typing') {
      dispatchUi({ type: 'type', text });
      scroll.current.follow = true;
    } else if (screen?.name === 'picker')
      screenRef.current = { ...screen, filter: screen.filter + text.replace(/\s+/g, ' '), index: 0 };
    // A paste is text, never keys: where there is no field to take it, say so.
    else if (key.name === 'paste') message.current = 'paste ignored: there is no text field here';
  };

  useKeypresses((key) => {
    onKey(key);
    repaint();
  });

  // The time on the current card ticks once a second.
  const onCard = screenRef.current?.name === 'session';
  useEffect(() => {
    if (!onCard) return;
    const timer = setInterval(repaint, 1000);
    return () => clearInterval(timer);
  }, [onCard]);

  // ── layout ────────────────────────────────────────────────────────────────
  const parts = help.current ? helpParts(help.current, cols, color) : screenParts();
  const frame = layoutScreen(parts, size.rows, scroll.current, color);
  scroll.current.offset = frame.view.offset;
  scroll.current.max = frame.view.maxOffset;
  scroll.current.page = Math.max(1, frame.bodyHeight - 2);
  return <Frame lines={frame.lines} />;

  function screenParts(): ScreenParts {
    const screen = screenRef.current ?? { name: 'home' };
    const s = session.current;
    const current = s?.current;
    if (screen.name === 'session' && s && current) {
      s.refreshPreview(clock());
      const shown = s.current ?? current;
      return cardParts(
        {
          context: context(),
          current: shown,
          ui: ui.current,
          session: s,
          message: message.current,
          now: clock(),
        },
        cols,
        color,
      );
    }
    if (screen.name === 'picker') {
      const items = pickerItems(screen.kind, screen.filter).map((i) => i.label);
      const title = screen.kind === 'deck' ? 'Drill one deck' : 'Drill one tag';
      return pickerParts(title, screen.filter, items, screen.index, cols, color);
    }
    if (screen.name === 'summary') {
      const now = clock();
      const input = {
        summary: screen.summary,
        upcoming: upcoming(grill, now),
        streak: streak(grill, now),
        early: screen.early,
      };
      return summaryParts(input, cols, color);
    }
    if (screen.name === 'stats')
      return statsParts(
        cached(screen, () => statsData(grill, clock())),
        message.current,
        cols,
        color,
      );
    return homeParts(
      cached(screen, () => homeData(grill, clock(), syncServer)),
      message.current,
      cols,
      color,
    );
  }
}

/** The terminal's size, re-read when it is resized. */
function useTerminalSize(stdout: NodeJS.WriteStream, fixed?: { columns: number; rows: number }) {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (fixed) return;
    stdout.on('resize', bump);
    return () => {
      stdout.off('resize', bump);
    };
  }, [stdout, fixed]);
  return fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
