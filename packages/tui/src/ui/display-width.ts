// Display width in terminal columns, as Ink measures it (string-width), with a fast path: most
// lines the drill measures are printable ASCII, one column per character, and string-width's
// Unicode segmentation costs a third of a frame's layout on them.
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns `text` takes on a terminal: wide characters count 2, escape codes 0. */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}
