import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { decodeDeckKind, decodeMediaEntries, decodeNotetypeConfig, decodePackageVersion } from './protos.js';

const LEN = WireType.LengthDelimited;

describe('Anki protobuf messages', () => {
  it('skips fields it does not read, whatever their wire type', () => {
    const entry = new BinaryWriter()
      .tag(3, LEN)
      .bytes(new Uint8Array(20)) // sha1
      .tag(1, LEN)
      .string('a.png')
      .tag(255, WireType.Varint)
      .uint32(7) // legacy_zip_filename
      .tag(2, WireType.Varint)
      .uint32(12)
      .finish();
    const list = new BinaryWriter().tag(1, LEN).bytes(entry).tag(9, WireType.Bit64).fixed64(1).finish();
    expect(decodeMediaEntries(list)).toEqual([{ name: 'a.png', size: 12 }]);
  });

  it('reads absent fields as protobuf defaults', () => {
    expect(decodePackageVersion(new Uint8Array())).toBe(0);
    expect(decodeNotetypeConfig(new Uint8Array())).toEqual({ kind: 0, css: '' });
    expect(decodeDeckKind(new Uint8Array())).toEqual({ filtered: false, description: '' });
  });

  it('ignores a field of the expected number but another wire type', () => {
    const config = new BinaryWriter().tag(1, LEN).string('1').finish();
    expect(decodeNotetypeConfig(config).kind).toBe(0);
  });

  it('throws on a truncated message', () => {
    const css = new BinaryWriter().tag(3, LEN).string('.card {}').finish();
    expect(() => decodeNotetypeConfig(css.subarray(0, 4))).toThrow();
  });
});
