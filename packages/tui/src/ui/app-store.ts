/**
 * The app's loop, outside React: an action goes through the reducer, the effects it asks for
 * run (their results go through the reducer in turn), then the frame is laid out from the new
 * state. Keys are handled one at a time, each on the state the one before left, however many
 * arrive in one read; React only draws the frame (see App.tsx, useSyncExternalStore).
 */
import { AppEffects, type EffectsContext } from './app-effects.js';
import { appReducer, inputAction } from './app-reducer.js';
import { type AppAction, type AppEffect, type AppState, openApp, type StartWith } from './app-state.js';
import { appFrame, type Terminal } from './app-view.js';
import type { Keypress } from './keys.js';

export interface StoreOptions extends EffectsContext {
  /** The terminal as it is now (read at each layout). */
  readonly terminal: () => Terminal;
  /** Start a session or a mock interview at once instead of showing home. */
  readonly startWith?: StartWith;
  readonly initialMessage: string | null;
}

export class AppStore {
  private state: AppState;
  private lines: readonly string[] = [];
  private readonly effects: AppEffects;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: StoreOptions) {
    this.effects = new AppEffects(options, (action) => this.dispatch(action));
    const step = openApp(options.initialMessage, options.startWith);
    this.state = step.state;
    this.run(step.effects);
    this.layout();
  }

  /** The state now (for tests, and to know whether the card's clock ticks). */
  get current(): AppState {
    return this.state;
  }

  dispatch = (action: AppAction): void => {
    this.apply(action);
    this.redraw();
  };

  /** A keypress, as the keymap reads it in the current state. */
  key = (key: Keypress): void => {
    const action = inputAction(this.state, key);
    if (action) this.dispatch(action);
  };

  /** Lays the frame out again (the terminal was resized). */
  redraw = (): void => {
    this.layout();
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The lines of the frame on screen. */
  frame = (): readonly string[] => this.lines;

  /** The app is gone (unmounted): nothing may run on after it (a search waiting to run). */
  dispose = (): void => {
    this.effects.dispose();
  };

  private apply(action: AppAction): void {
    const step = appReducer(this.state, action);
    this.state = step.state;
    this.run(step.effects);
  }

  private run(effects: readonly AppEffect[]): void {
    for (const effect of effects) {
      const result = this.effects.run(effect);
      if (result) this.apply(result);
    }
  }

  /** The frame from the state; what it measured (the scroll's range, a page) goes back to the state. */
  private layout(): void {
    const frame = appFrame(this.state, this.options.terminal(), this.options.clock());
    this.lines = frame.lines;
    const { offset, maxOffset } = frame.view;
    this.apply({ type: 'laid-out', offset, max: maxOffset, page: Math.max(1, frame.bodyHeight - 2) });
  }
}
