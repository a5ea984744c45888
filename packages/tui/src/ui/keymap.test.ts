import { describe, expect, it } from 'vitest';
import { BINDINGS, footerItems, helpLines, type KeyContext, resolveKey } from './keymap.js';
import type { Keypress } from './keys.js';

const char = (text: string): Keypress => ({ name: 'char', text });
const named = (name: Keypress['name']): Keypress => ({ name, text: name === 'space' ? ' ' : '' });

const CONTEXTS: KeyContext[] = [
  'home',
  'picker',
  'question',
  'choice',
  'typing',
  'typed',
  'revealed',
  'rubric',
  'summary',
  'leaving',
  'stats',
  'mock-question',
  'mock-rubric',
  'mock-report',
  'browse-search',
  'browse-list',
  'browse-card',
  'help',
];

describe('keymap', () => {
  it('maps keys per context', () => {
    expect(resolveKey('question', named('space'))).toBe('reveal');
    expect(resolveKey('choice', char('2'))).toBe('toggle-option');
    expect(resolveKey('revealed', char('2'))).toBe('rate');
    expect(resolveKey('revealed', named('enter'))).toBe('confirm-rating');
    expect(resolveKey('typing', char('q'))).toBeNull();
    expect(resolveKey('typing', char('u'))).toBeNull();
    expect(resolveKey('typing', named('enter'))).toBe('submit');
    expect(resolveKey('typing', named('escape'))).toBe('leave-field');
    expect(resolveKey('typed', char('u'))).toBe('undo');
    expect(resolveKey('typed', named('tab'))).toBe('enter-field');
    expect(resolveKey('home', char('q'))).toBe('quit');
    expect(resolveKey('question', char('q'))).toBe('end-session');
    expect(resolveKey('rubric', named('down'))).toBe('move-down');
    expect(resolveKey('revealed', named('down'))).toBe('scroll-down');
    expect(resolveKey('rubric', named('pageup'))).toBe('page-up');
    expect(resolveKey('picker', char('k'))).toBeNull();
    expect(resolveKey('revealed', { name: 'paste', text: '3' })).toBeNull();
    for (const c of CONTEXTS) expect(resolveKey(c, { name: 'ctrl', text: 'c' }), c).toBe('interrupt');
  });

  it('never binds one key to two actions in the same context', () => {
    const seen = new Map<string, string>();
    for (const b of BINDINGS) {
      for (const c of b.contexts) {
        for (const k of b.keys) {
          const id = `${c}:${k}`;
          expect(seen.get(id), id).toBeUndefined();
          seen.set(id, b.action);
        }
      }
    }
  });

  it('footers list only keys that work: no session letters while typing an answer', () => {
    const typing = footerItems('typing').join(' · ');
    expect(typing).toContain('Enter submit');
    expect(typing).toContain('Ctrl+C quit');
    for (const letter of ['u undo', 'e edit', 'b bury', '! suspend', '? help', 'q quit'])
      expect(typing).not.toContain(letter);
    const typed = footerItems('typed').join(' · ');
    for (const letter of ['u undo', 'e edit', 'b bury', '! suspend', '? help', 'q quit'])
      expect(typed).toContain(letter);
    expect(
      footerItems('revealed', (a) => !a.startsWith('scroll') && !a.startsWith('page')).join(' '),
    ).not.toContain('scroll');
    // Every footer item names a key that resolves, in that context, to an action.
    for (const c of CONTEXTS) {
      for (const b of BINDINGS.filter((x) => x.footer && x.contexts.includes(c))) {
        const key = b.keys[0] as string;
        const press: Keypress =
          key.length === 1
            ? char(key)
            : key.startsWith('ctrl+')
              ? { name: 'ctrl', text: key.slice(5) }
              : named(key as Keypress['name']);
        expect(resolveKey(c, press), `${c} ${key}`).toBe(b.action);
      }
    }
  });

  it('a mock interview has its own keys: no undo, bury, suspend or edit; q ends it with the report', () => {
    expect(resolveKey('mock-question', named('space'))).toBe('reveal');
    expect(resolveKey('mock-rubric', named('space'))).toBe('toggle-point');
    expect(resolveKey('mock-rubric', char('3'))).toBe('rate');
    expect(resolveKey('mock-question', char('q'))).toBe('end-session');
    expect(resolveKey('mock-report', char('q'))).toBe('quit');
    for (const c of ['mock-question', 'mock-rubric'] as const)
      for (const k of ['u', 'b', '!', 'e']) expect(resolveKey(c, char(k)), `${c} ${k}`).toBeNull();
    expect(footerItems('mock-question').join(' · ')).toMatch(/^Space show answer · .* · q end/);
    expect(footerItems('home').join(' · ')).toContain('a study ahead');
  });

  it('the card browser: / opens it from home; in its search field letters are text, in its list commands', () => {
    expect(resolveKey('home', char('/'))).toBe('open-browser');
    expect(footerItems('home').join(' · ')).toContain('/ browse');
    expect(helpLines('home').map((l) => l.keys)).toContain('/');
    for (const k of ['s', 'b', 'e', 'd', 'q', 'j', 'k', '?', '/', ' '])
      expect(resolveKey('browse-search', k === ' ' ? named('space') : char(k)), k).toBeNull();
    expect(resolveKey('browse-search', named('down'))).toBe('move-down');
    expect(resolveKey('browse-search', named('enter'))).toBe('open-card');
    expect(resolveKey('browse-list', char('j'))).toBe('move-down');
    expect(resolveKey('browse-list', char('s'))).toBe('toggle-suspend');
    expect(resolveKey('browse-list', char('d'))).toBe('drill-results');
    expect(resolveKey('browse-list', char('q'))).toBe('leave-browser');
    expect(resolveKey('browse-card', char('j'))).toBe('scroll-down');
    expect(resolveKey('browse-card', named('escape'))).toBe('back');
    expect(resolveKey('browse-card', named('enter'))).toBeNull();
  });

  it('help is per context and generated from the table', () => {
    expect(helpLines('typing').map((l) => l.keys)).toContain('Esc/Tab');
    expect(helpLines('typing').map((l) => l.keys)).not.toContain('u');
    expect(helpLines('question').map((l) => l.keys)).toContain('u');
  });
});
