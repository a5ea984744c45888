/**
 * A package's media: the `media` entry lists the files, which sit in zip entries named by number.
 * Legacy packages: a JSON object, zip entry name → file name, files stored as they are. Latest:
 * zstd-compressed protobuf `MediaEntries`, the i-th listed file in entry `i`, itself compressed.
 */
import { z } from 'zod';
import type { AnkiMediaFile, AnkiPackageVersion } from './model.js';
import { packageError, reason } from './package-error.js';
import { decodeMediaEntries } from './protos.js';
import type { ZipReader } from './zip.js';
import { unzstd } from './zstd.js';

export interface MediaIndex {
  files: AnkiMediaFile[];
  /** See `AnkiCollection.readMedia`. */
  read(name: string): Uint8Array | undefined;
}

const LegacyMediaSchema = z.record(z.string(), z.string());

export function readMediaIndex(zip: ZipReader, version: AnkiPackageVersion, label: string): MediaIndex {
  const compressed = version === 'latest';
  // Old AnkiDroid versions wrote packages without a media list: no media then.
  const list = zip.read('media');
  const entries = new Map<string, { entry: string; size: number | null }>();
  if (list !== undefined && compressed) {
    const decompressed = unzstd(list, label, 'the "media" entry');
    let listed: ReturnType<typeof decodeMediaEntries>;
    try {
      listed = decodeMediaEntries(decompressed);
    } catch (error) {
      throw packageError(label, `its "media" entry is unreadable (${reason(error)})`);
    }
    listed.forEach((file, index) => {
      entries.set(file.name, { entry: String(index), size: file.size });
    });
  } else if (list !== undefined) {
    const parsed = parseLegacyList(list, label);
    const sorted = Object.entries(parsed).sort(([a], [b]) => Number(a) - Number(b));
    for (const [entry, name] of sorted) entries.set(name, { entry, size: zip.sizes.get(entry) ?? null });
  }
  const files = [...entries]
    .map(([name, { entry, size }]) => ({ name, present: zip.sizes.has(entry), size }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    files,
    read(name) {
      const found = entries.get(name);
      const bytes = found === undefined ? undefined : zip.read(found.entry);
      if (bytes === undefined) return undefined;
      return compressed ? unzstd(bytes, label, `media file "${name}"`) : bytes;
    },
  };
}

function parseLegacyList(bytes: Uint8Array, label: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw packageError(label, 'its "media" entry is not the JSON list legacy packages carry');
  }
  const result = LegacyMediaSchema.safeParse(value);
  if (!result.success) {
    throw packageError(label, 'its "media" entry is not a JSON object of entry number → file name');
  }
  return result.data;
}
