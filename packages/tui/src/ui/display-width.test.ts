import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.js';

describe('displayWidth', () => {
  it('measures what string-width measures, ASCII fast path or not', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '~', '\u001b[2m', 'é', '界', '🙂', '\t') }),
        (s) => {
          expect(displayWidth(s)).toBe(stringWidth(s));
        },
      ),
    );
    expect(displayWidth('ok · 界')).toBe(7);
  });
});
