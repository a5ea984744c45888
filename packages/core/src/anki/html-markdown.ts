// Anki fields (HTML) as deck markdown, by turndown. What comes out must read back as the same
// text inside a grill card: headings are demoted below the card's `##` and `###` levels, text that
// markdown or grill would read as syntax is escaped (raw HTML, entities, `{{c1::`, `{#id}`), media
// references become links into the media folder beside the deck, and control characters, which
// the deck linter refuses, are dropped.
import TurndownService from 'turndown';

/** Where the media a field shows are linked: a link for a plain file name, or null (left as text). */
export type MediaLink = (name: string) => string | null;

export interface HtmlMarkdownOptions {
  /** Called for each media file the field shows (`<img src>`, `[sound:…]`). */
  media: MediaLink;
  /**
   * The text of a cloze note, with deletions marked (cloze-html.ts): every brace and `::` of its
   * prose escaped, so that only the marked deletions read as deletions in grill.
   */
  cloze?: boolean;
}

// ASCII and C1 control characters but tab and newline (deck-checks refuses them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const SOUND = /\[sound:([^\]]+)\]/g;
/** A URL with a scheme (`https:`, `data:`): not a file of the package. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

let services: Map<boolean, TurndownService> | undefined;

/** `html` as markdown blocks ('' for a field with no content). */
export function htmlToMarkdown(html: string, options: HtmlMarkdownOptions): string {
  services ??= new Map();
  const cloze = options.cloze === true;
  let service = services.get(cloze);
  if (!service) {
    service = makeService(cloze);
    services.set(cloze, service);
  }
  current = options.media;
  try {
    const source = html.replace(/\r\n?/g, '\n').replace(CONTROL, '');
    return service
      .turndown(source)
      .replace(/\u00a0/g, ' ')
      .replace(CONTROL, '')
      .replace(/[ \t]+$/gm, (spaces, offset: number, all: string) =>
        // Two trailing spaces are a hard line break: kept where a line follows.
        all[offset + spaces.length] === '\n' && spaces === '  ' ? spaces : '',
      );
  } finally {
    current = undefined;
  }
}

/** What the rules read of a DOM node (the project's TypeScript has no DOM types). */
interface DomNode {
  nodeName: string;
  firstChild: { nodeName: string } | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
const dom = (node: unknown) => node as DomNode;

/** The media callback of the conversion under way (turndown's rules are made once). */
let current: MediaLink | undefined;

function makeService(cloze: boolean): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '* * *',
  });
  const base = service.escape.bind(service);
  const escapeText = (text: string) => extraEscapes(base(text), cloze);
  service.escape = (text: string) => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(SOUND)) {
      out += escapeText(text.slice(last, m.index));
      out += mediaMarkdown(m[1] ?? '', 'sound', false);
      last = m.index + m[0].length;
    }
    return out + escapeText(text.slice(last));
  };
  // Levels 1 to 3 would end the card or open a section: every heading goes three levels down.
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const level = Math.min(6, Number(dom(node).nodeName.charAt(1)) + 3);
      const text = content.replace(/\s*\n\s*/g, ' ').trim();
      return text === '' ? '' : `\n\n${'#'.repeat(level)} ${text}\n\n`;
    },
  });
  // A <pre> without <code> inside (Anki's editor writes those) is code too.
  service.addRule('pre', {
    filter: (node) => dom(node).nodeName === 'PRE' && dom(node).firstChild?.nodeName !== 'CODE',
    replacement: (_content, node) => fenced(dom(node).textContent ?? ''),
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = dom(node).getAttribute('src') ?? '';
      if (src === '') return '';
      if (SCHEME.test(src)) {
        const alt = base((dom(node).getAttribute('alt') ?? '').replace(/\s+/g, ' '));
        return /^https?:/i.test(src) ? `![${alt}](<${src.replace(/[<>\s]/g, encodeURIComponent)}>)` : '';
      }
      return mediaMarkdown(src, 'image', true);
    },
  });
  return service;
}

/** A media reference as a link to its copy (an image shown as one), or its name as text. */
function mediaMarkdown(name: string, what: 'image' | 'sound', image: boolean): string {
  const link = current?.(name) ?? null;
  const label = `${what}: ${name}`;
  const text = extraEscapes(TurndownService.prototype.escape(label), false);
  if (link === null) return `\\[${text}\\]`;
  return `${image ? '!' : ''}[${text}](${link})`;
}

/** A fenced code block holding `code` as written. */
function fenced(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/^`{3,}/gm)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `\n\n${fence}\n${code.replace(/\n$/, '')}\n${fence}\n\n`;
}

/**
 * Escapes turndown leaves out: `<` that would open raw HTML or an autolink, `&` that would read
 * as a character reference, `1)` that would start a list; braces grill reads as a card id (`{#`)
 * or a deletion (`{{`, `}}`). In a cloze text every brace and `::` of the prose is escaped.
 */
function extraEscapes(text: string, cloze: boolean): string {
  const escaped = text
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(\d+)\)/, '$1\\)');
  if (cloze) return escaped.replace(/[{}]/g, '\\$&').replace(/:(?=:)/g, '\\:');
  return escaped.replace(/\{(?=[{#])/g, '\\{').replace(/\}(?=\})/g, '\\}');
}

/** Plain text as markdown that shows it as written: one paragraph, lines kept. */
export function textMarkdown(text: string): string {
  const html = text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  return htmlToMarkdown(html.replace(/\n/g, '<br>'), { media: () => null });
}

/** A media file name as a link destination under `dir`: every byte outside [A-Za-z0-9._~-] %-encoded. */
export function mediaPath(dir: string, name: string): string {
  const encoded = [...Buffer.from(name, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9._~-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `${dir}/${encoded}`;
}
