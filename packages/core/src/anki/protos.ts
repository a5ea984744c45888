/**
 * The few protobuf messages of Anki's (proto/anki/*.proto) that a reader needs, decoded field by
 * field; fields not listed here are skipped. All throw on truncated or malformed bytes. A writer
 * of legacy packages needs one: the package version.
 */
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/** Calls `read` for each field of the message; a field it does not take (returns false) is skipped. */
function eachField(
  bytes: Uint8Array,
  read: (field: number, wire: WireType, r: BinaryReader) => boolean,
): void {
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (!read(field, wire, r)) r.skip(wire, field);
  }
}

const VARINT = WireType.Varint;
const BYTES = WireType.LengthDelimited;

/** `PackageMetadata.version` (import_export.proto): 1 legacy1, 2 legacy2, 3 latest; 0 unknown. */
export function decodePackageVersion(bytes: Uint8Array): number {
  let version = 0;
  eachField(bytes, (field, wire, r) => {
    if (field !== 1 || wire !== VARINT) return false;
    version = r.int32();
    return true;
  });
  return version;
}

export function encodePackageVersion(version: number): Uint8Array {
  return new BinaryWriter().tag(1, VARINT).int32(version).finish();
}

/** One `MediaEntries.MediaEntry`: the file stored in zip entry `String(index)`. */
export interface MediaEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

/** `MediaEntries` (import_export.proto), the media list of latest packages, in list order. */
export function decodeMediaEntries(bytes: Uint8Array): MediaEntry[] {
  const entries: MediaEntry[] = [];
  eachField(bytes, (field, wire, r) => {
    if (field !== 1 || wire !== BYTES) return false;
    const entry: MediaEntry = { name: '', size: 0 };
    eachField(r.bytes(), (f, w, er) => {
      if (f === 1 && w === BYTES) entry.name = er.string();
      else if (f === 2 && w === VARINT) entry.size = er.uint32();
      else return false;
      return true;
    });
    entries.push(entry);
    return true;
  });
  return entries;
}

/** What a reader needs of `Notetype.Config` (notetypes.proto), the `notetypes.config` column. */
export interface NotetypeConfig {
  /** `Kind`: 0 normal, 1 cloze. */
  kind: number;
  css: string;
}

export function decodeNotetypeConfig(bytes: Uint8Array): NotetypeConfig {
  const config: NotetypeConfig = { kind: 0, css: '' };
  eachField(bytes, (field, wire, r) => {
    if (field === 1 && wire === VARINT) config.kind = r.int32();
    else if (field === 3 && wire === BYTES) config.css = r.string();
    else return false;
    return true;
  });
  return config;
}

/** What a reader needs of `Notetype.Template.Config`, the `templates.config` column. */
export interface TemplateConfig {
  qfmt: string;
  afmt: string;
}

export function decodeTemplateConfig(bytes: Uint8Array): TemplateConfig {
  const config: TemplateConfig = { qfmt: '', afmt: '' };
  eachField(bytes, (field, wire, r) => {
    if (field === 1 && wire === BYTES) config.qfmt = r.string();
    else if (field === 2 && wire === BYTES) config.afmt = r.string();
    else return false;
    return true;
  });
  return config;
}

/** What a reader needs of `Deck.KindContainer` (decks.proto), the `decks.kind` column. */
export interface DeckKind {
  filtered: boolean;
  /** `Deck.Normal.description`; '' for a filtered deck. */
  description: string;
}

export function decodeDeckKind(bytes: Uint8Array): DeckKind {
  const kind: DeckKind = { filtered: false, description: '' };
  eachField(bytes, (field, wire, r) => {
    // The oneof: 1 normal, 2 filtered; the last one present wins, as in protobuf.
    if (wire !== BYTES || (field !== 1 && field !== 2)) return false;
    const inner = r.bytes();
    kind.filtered = field === 2;
    kind.description = '';
    if (field === 1) {
      eachField(inner, (f, w, nr) => {
        if (f !== 4 || w !== BYTES) return false;
        kind.description = nr.string();
        return true;
      });
    }
    return true;
  });
  return kind;
}
