import { describe, expect, it } from 'vitest';
import { BINDINGS, helpLines, resolveKey } from './keymap.js';

describe('keymap', () => {
  it('maps keys per context', () => {
    expect(resolveKey('question', ' ', {})).toBe('reveal');
    expect(resolveKey('question', '2', {})).toBe('toggle-option');
    expect(resolveKey('revealed', '2', {})).toBe('rate');
    expect(resolveKey('revealed', '', { return: true })).toBe('confirm-rating');
    expect(resolveKey('typing', 'q', {})).toBeNull();
    expect(resolveKey('typing', '', { return: true })).toBe('submit');
    expect(resolveKey('home', 'q', {})).toBe('quit');
    expect(resolveKey('revealed', 'u', { ctrl: true })).toBeNull();
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
    expect(helpLines().length).toBeGreaterThan(10);
  });
});
