import type { Grill } from '@grill/core';
import { useApp, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { EditorResult } from '../editor.js';
import type { AppExit, StartWith } from './app-state.js';
import { AppStore } from './app-store.js';
import { Frame } from './components/Frame.js';
import { colorEnabled } from './markdown.js';
import { RESIZED } from './screen-output.js';
import { useKeypresses } from './use-keypresses.js';

export type { AppExit } from './app-state.js';

export interface AppProps {
  readonly grill: Grill;
  readonly clock: () => number;
  /** Start a session (grill drill) or a mock interview (grill mock) at once instead of showing home. */
  readonly startWith?: StartWith;
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

/**
 * The container: keys go to the store (keymap → reducer → effects, see app-store.ts), the
 * store's frame is drawn. It holds no state of its own.
 */
export function App(props: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [store] = useState(() => {
    const color = props.color ?? colorEnabled();
    return new AppStore({
      grill: props.grill,
      clock: props.clock,
      openEditor: props.openEditor,
      reimport: props.reimport,
      syncServer: props.syncServer ?? null,
      startWith: props.startWith,
      initialMessage: props.initialMessage ?? null,
      terminal: () => ({
        ...(props.size ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 }),
        color,
      }),
      exit: (result) => {
        props.onExit?.(result);
        exit(result);
      },
    });
  });
  const lines = useSyncExternalStore(store.subscribe, store.frame);
  useKeypresses(store.key);
  useEffect(() => store.dispose, [store]);

  // A resize redraws at the new size at once.
  useEffect(() => {
    if (props.size) return;
    stdout.on(RESIZED, store.redraw);
    return () => {
      stdout.off(RESIZED, store.redraw);
    };
  }, [stdout, props.size, store]);

  // The time on the current card (a mock question's countdown) ticks once a second.
  const onCard = store.current.screen.name === 'session' || store.current.screen.name === 'mock';
  useEffect(() => {
    if (!onCard) return;
    const timer = setInterval(() => store.dispatch({ type: 'tick' }), 1000);
    return () => clearInterval(timer);
  }, [onCard, store]);

  return <Frame lines={lines} />;
}
