import type { Card } from '@grill/core';
import { describe, expect, it } from 'vitest';
import { appReducer } from './app-reducer.js';
import { type AppAction, type AppState, openApp, type SessionView } from './app-state.js';
import { appFrame } from './app-view.js';
import { cardFields, sessionView } from './test-fixtures.js';

const TERMINAL = { columns: 60, rows: 12, color: false };

const LONG: Card = {
  ...cardFields('long'),
  kind: 'basic',
  title: 'A long card',
  body: Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n\n'),
};

const session = (content: Card): SessionView => sessionView(content);

const run = (state: AppState, ...actions: AppAction[]) =>
  actions.reduce((s, a) => appReducer(s, a).state, state);
const frame = (state: AppState) => appFrame(state, TERMINAL, 0).lines.join('\n');
const command = (command: 'help' | 'reveal' | 'pick-tag'): AppAction => ({
  type: 'command',
  command,
  key: { name: 'char', text: '' },
});

describe('app view: what is shown is what works', () => {
  const onCard = run(openApp(null, { filter: {} }).state, {
    type: 'session-started',
    session: session(LONG),
  });

  it('the markers name the paging keys where they page, and none in the picker, where they do not', () => {
    expect(frame(onCard)).toMatch(/↓ \d+ more lines below \(PgDn\)/);
    const items = Array.from({ length: 30 }, (_, i) => ({ value: `t${i}`, label: `t${i} (1 card)` }));
    const picker = run(openApp(null).state, command('pick-tag'), { type: 'picker-loaded', items });
    expect(frame(picker)).toMatch(/↓ \d+ more lines below$/m);
    expect(frame(picker)).not.toContain('PgDn');
  });

  it('the help overlay’s footer comes from the keymap: its scroll keys, Ctrl+C, and any other key closes', () => {
    const help = frame(run(onCard, command('help')));
    expect(help).toContain('Ctrl+C quit');
    expect(help).toContain('any other key closes');
    const tall = appFrame(run(onCard, command('help')), { ...TERMINAL, rows: 60 }, 0).lines.join('\n');
    expect(tall).not.toContain('PgUp/PgDn page');
    expect(tall).toContain('Ctrl+C quit · any other key closes');
  });

  it('the ratings line names the key that confirms the pre-selected rating', () => {
    expect(frame(run(onCard, command('reveal')))).toContain('Enter = Good');
  });
});
