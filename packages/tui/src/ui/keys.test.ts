import { describe, expect, it } from 'vitest';
import { KeyDecoder, type Keypress } from './keys.js';

const decode = (...chunks: string[]) => {
  const d = new KeyDecoder();
  const keys = chunks.flatMap((c) => d.push(c));
  return [...keys, ...d.flush()];
};
const names = (keys: Keypress[]) =>
  keys.map((k) =>
    k.name === 'char' || k.name === 'ctrl' || k.name === 'paste' ? `${k.name}:${k.text}` : k.name,
  );

describe('KeyDecoder', () => {
  it('splits a chunk holding several keys into each key, in order', () => {
    expect(names(decode(' 3'))).toEqual(['space', 'char:3']);
    expect(names(decode('12\r'))).toEqual(['char:1', 'char:2', 'enter']);
    expect(names(decode('40\x7f3\r'))).toEqual(['char:4', 'char:0', 'backspace', 'char:3', 'enter']);
    expect(names(decode('a\u001b[Bb'))).toEqual(['char:a', 'down', 'char:b']);
    expect(names(decode('\u001b[A\u001b[B\u001b[5~\u001b[6~\u001b[H\u001b[F'))).toEqual([
      'up',
      'down',
      'pageup',
      'pagedown',
      'home',
      'end',
    ]);
    expect(names(decode('\u001bOA\u001b[1;5B\u001b[3~\t\u001b[Z'))).toEqual([
      'up',
      'down',
      'delete',
      'tab',
      'backtab',
    ]);
    expect(names(decode('\x03'))).toEqual(['ctrl:c']);
    expect(names(decode('\r\n'))).toEqual(['enter']);
  });

  it('keeps wide and combining characters whole', () => {
    expect(names(decode('é😀'))).toEqual(['char:é', 'char:😀']);
    expect(names(decode('e\u0301'))).toEqual(['char:e', 'char:\u0301']);
  });

  it('reads a lone ESC as Escape, and ESC before a key as Escape then the key', () => {
    expect(names(decode('\u001b'))).toEqual(['escape']);
    expect(names(decode('\u001bu'))).toEqual(['escape', 'char:u']);
  });

  it('waits for the rest of a sequence split across reads', () => {
    const d = new KeyDecoder();
    expect(d.push('\u001b[')).toEqual([]);
    expect(d.hasPending()).toBe(true);
    expect(names(d.push('B'))).toEqual(['down']);
  });

  it('reads a bracketed paste as one paste, even across reads, with line breaks as \\n', () => {
    expect(names(decode('\u001b[200~hello\r\nworld\u001b[201~x'))).toEqual(['paste:hello\nworld', 'char:x']);
    expect(names(decode('\u001b[200~ab', 'c\u001b[20', '1~'))).toEqual(['paste:abc']);
    // Control characters inside a paste never act as keys.
    expect(names(decode('\u001b[200~1\u0003 2\u001b[201~'))).toEqual(['paste:1 2']);
  });
});
