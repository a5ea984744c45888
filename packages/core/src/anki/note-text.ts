// What Anki keeps beside a note's fields to sort and find duplicates: the sort field and the
// checksum of the first field, both taken from the field's text with its HTML stripped and the
// names of the media it shows kept (rslib: notes/mod.rs, text.rs). Anki computes both again when
// it imports a note; they are written so that the collection is as Anki itself would leave it.
import { createHash } from 'node:crypto';

// An <img>, <audio>, <video>, <object> or <source> tag naming a file in `src` or `data`,
// quoted either way or unquoted.
const MEDIA_TAG =
  /<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;
// Comments, style and script elements with their content, then any other tag.
const MARKUP = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g;

/**
 * `html` as text: markup removed (a media tag leaves its file name between spaces), character
 * references decoded, a no-break space read as a space. Anki decodes every named reference; this
 * knows the ones HTML from markdown uses (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;`) and all
 * numeric ones, and leaves others as written.
 */
export function fieldText(html: string): string {
  const stripped = html.replace(MEDIA_TAG, (_, a, b, c) => ` ${a ?? b ?? c} `).replace(MARKUP, '');
  return stripped
    .replace(
      REFERENCE,
      (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
        if (name !== undefined) return NAMED[name] ?? whole;
        const code = Number.parseInt(dec ?? hex ?? '', dec === undefined ? 16 : 10);
        return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
      },
    )
    .replace(/\u00a0/g, ' ');
}

/** `notes.csum`: the first 32 bits of the SHA-1 of the first field's text, as an integer. */
export function fieldChecksum(firstField: string): number {
  return createHash('sha1').update(fieldText(firstField), 'utf8').digest().readUInt32BE(0);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text as HTML: `&`, `<`, `>` and `"` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}
