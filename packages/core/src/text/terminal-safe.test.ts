import { describe, expect, it } from 'vitest';
import {
  describeControl,
  findControlCharacters,
  hasControlCharacters,
  terminalSafe,
} from './terminal-safe.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminalSafe', () => {
  it('leaves ordinary text, tabs, newlines and non-ASCII alone', () => {
    const text = 'GET /a\tok\nnext line — naïve ✓ 日本';
    expect(terminalSafe(text)).toBe(text);
    expect(hasControlCharacters(text)).toBe(false);
  });

  it('turns escape sequences into visible, inert text', () => {
    expect(terminalSafe('\x1b[2J\x1b[31mred')).toBe('␛[2J␛[31mred');
    expect(terminalSafe('\x1b]0;pwned\x07title')).toBe('␛]0;pwned␇title');
    expect(terminalSafe('back\rspace\b del\x7f')).toBe('back␍space␈ del␡');
  });

  it('shows C1 controls by code point', () => {
    expect(terminalSafe('a\u009b2Jb\u0085c')).toBe('a<U+009B>2Jb<U+0085>c');
  });

  it('turns CRLF into a newline but makes a bare CR visible', () => {
    expect(terminalSafe('one\r\ntwo\rthree\x1b')).toBe('one\ntwo␍three␛');
  });

  it('never lets a raw control character through', () => {
    let all = '';
    for (let c = 0; c < 0xa0; c++) all += String.fromCharCode(c);
    const safe = terminalSafe(all);
    expect(safe).not.toMatch(RAW_CONTROL);
    expect(safe).toContain('\t');
    expect(safe).toContain('\n');
  });
});

describe('findControlCharacters', () => {
  it('finds each control character with its 1-based line and column', () => {
    expect(findControlCharacters('ok\n  \x1b[2J x\x07\nfine\r\nbare\rcr')).toEqual([
      { line: 2, column: 3, char: '\x1b' },
      { line: 2, column: 9, char: '\x07' },
      { line: 4, column: 5, char: '\r' },
    ]);
  });

  it('counts CRLF as a line ending and finds nothing in clean text', () => {
    expect(findControlCharacters('a\r\nb\r\n\tc\n')).toEqual([]);
    expect(findControlCharacters('x\r\n\x1b')).toEqual([{ line: 2, column: 1, char: '\x1b' }]);
  });

  it('finds exactly what terminalSafe would change', () => {
    for (let c = 0; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      expect(findControlCharacters(`a${ch}b`).length > 0, `U+${c.toString(16)}`).toBe(
        terminalSafe(`a${ch}b`) !== `a${ch}b`,
      );
    }
  });
});

describe('describeControl', () => {
  it('names a control character by code point, with its short name when it has one', () => {
    expect(describeControl('\x1b')).toBe('U+001B (ESC)');
    expect(describeControl('\r')).toBe('U+000D (CR)');
    expect(describeControl('\u009b')).toBe('U+009B (CSI)');
    expect(describeControl('\x01')).toBe('U+0001');
  });
});
