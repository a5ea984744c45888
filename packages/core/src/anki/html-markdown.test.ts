import { describe, expect, it } from 'vitest';
import { parseDeck } from '../deck/parse-deck.js';
import { clozePlainHtml, markClozes, unmarkClozes } from './cloze-html.js';
import { htmlToMarkdown, mediaPath, textMarkdown } from './html-markdown.js';

const md = (html: string) => htmlToMarkdown(html, { media: (name) => mediaPath('media', name) });
const cloze = (html: string) =>
  unmarkClozes(htmlToMarkdown(markClozes(html).html, { media: () => null, cloze: true }));

/** A deck of one card whose prompt and answer are `body` and `answer`, as the deck parser reads it. */
function asCard(body: string, answer = 'A.', kind = 'basic') {
  const text = `---\nid: d\ntitle: D\n---\n\n## Q? {#q}\nkind: ${kind}\n\n${body}\n\n### Answer\n${answer}\n`;
  return parseDeck(text, 'd.md');
}

describe('htmlToMarkdown', () => {
  it('keeps bold, italics, inline code, line breaks and paragraphs', () => {
    expect(md('What does <b>PUT</b> <i>guarantee</i>?')).toBe('What does **PUT** *guarantee*?');
    expect(md('One.<br>Two; <code>POST</code> not.')).toBe('One.  \nTwo; `POST` not.');
    expect(md('<div>first</div><div>second</div>')).toBe('first\n\nsecond');
  });

  it('writes code blocks fenced, with their language, a <pre> without <code> too', () => {
    expect(md('<pre><code class="language-go">var m map[string]int\n</code></pre>')).toBe(
      '```go\nvar m map[string]int\n```',
    );
    expect(md('<pre>SELECT *\n  FROM t;</pre>')).toBe('```\nSELECT *\n  FROM t;\n```');
    // A fence inside the code gets a longer fence around it.
    expect(md('<pre><code>```\nx\n```</code></pre>')).toBe('````\n```\nx\n```\n````');
  });

  it('writes lists', () => {
    expect(
      md('<ul><li>An index backs each key.</li><li>A key may span <i>several</i> columns.</li></ul>'),
    ).toBe('-   An index backs each key.\n-   A key may span *several* columns.');
    expect(md('<ol><li>one</li><li>two</li></ol>')).toBe('1.  one\n2.  two');
  });

  it('decodes entities, a no-break space as a space, and escapes what would read as markup', () => {
    expect(md('A full scan &amp; no index: &lt; 1&nbsp;ms &#39;each&#39;')).toBe(
      "A full scan & no index: < 1 ms 'each'",
    );
    // Text that reads as raw HTML or as an entity stays text.
    expect(md('&lt;b&gt;not bold&lt;/b&gt; and &amp;amp;')).toBe('\\<b>not bold\\</b> and \\&amp;');
    expect(md('2 * 3 = 6, a_b, [x](y) `t`')).toBe('2 \\* 3 = 6, a\\_b, \\[x\\](y) \\`t\\`');
  });

  it('demotes headings below a card’s ## and ###, so a field cannot end its card or open a section', () => {
    expect(md('<h1>Big</h1><h2>Mid</h2><h3>Small</h3><h5>Tiny</h5>')).toBe(
      '#### Big\n\n##### Mid\n\n###### Small\n\n###### Tiny',
    );
    const parsed = asCard(md('<h2>Not a card</h2>text'), md('<h3>Not a section</h3>more'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.cards).toHaveLength(1);
    expect(parsed.cards[0]?.answer).toBe('###### Not a section\n\nmore');
  });

  it('escapes text that looks like grill syntax: line starts, a card id, a deletion, a field line', () => {
    expect(md('# not a heading')).toBe('\\# not a heading');
    expect(md('x<br>- not a list<br>1) nor this<br>&gt; nor a quote')).toBe(
      'x  \n\\- not a list  \n1\\) nor this  \n\\> nor a quote',
    );
    expect(md('see {#id} and {{c1::not a deletion}}')).toBe('see \\{#id} and \\{{c1::not a deletion\\}}');
    const parsed = asCard(md('kind: cloze<br>{{c1::x}} {#y}<br>### Answer'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.cards[0]).toMatchObject({ kind: 'basic', id: 'q', answer: 'A.' });
  });

  it('links the media a field shows, or names them when they are not there', () => {
    expect(md('Slow?<br><img src="seq scan(1).png">')).toBe(
      'Slow?  \n![image: seq scan(1).png](media/seq%20scan%281%29.png)',
    );
    expect(md('Say it: [sound:hola.mp3]')).toBe('Say it: [sound: hola.mp3](media/hola.mp3)');
    const none = (html: string) => htmlToMarkdown(html, { media: () => null });
    expect(none('<img src="gone.png"> [sound:gone.mp3]')).toBe('\\[image: gone.png\\] \\[sound: gone.mp3\\]');
    expect(none('<img src="https://example.com/a.png" alt="A">')).toBe('![A](<https://example.com/a.png>)');
    const seen: string[] = [];
    htmlToMarkdown('<img src="a.png"><img src="b.gif">[sound:c.mp3]', {
      media: (name) => {
        seen.push(name);
        return null;
      },
    });
    expect(seen).toEqual(['a.png', 'b.gif', 'c.mp3']);
  });

  it('drops control characters, which the deck linter refuses', () => {
    expect(md('a\u0001b\u001fc\u0085d')).toBe('abcd');
    expect(asCard(md('x\u0007y')).problems).toEqual([]);
  });

  it('writes plain text as markdown that shows it as written', () => {
    expect(textMarkdown('*args & <T>\nline two')).toBe('\\*args & \\<T>  \nline two');
  });
});

describe('cloze deletions', () => {
  it('keeps Anki’s syntax, which is grill’s: numbers, hints, HTML inside', () => {
    expect(cloze('A {{c1::primary key::constraint}} and {{c2::<code>NOT NULL</code>}}.')).toBe(
      'A {{c1::primary key::constraint}} and {{c2::`NOT NULL`}}.',
    );
    expect(cloze('<b>{{c3::bold}}</b> and {{c1::<i>it</i>::hint <b>x</b>}}')).toBe(
      '**{{c3::bold}}** and {{c1::*it*::hint **x**}}',
    );
  });

  it('escapes braces and colons of the text, so only Anki’s deletions read as deletions', () => {
    // What grill export-anki writes for literal colons and braces in an answer.
    expect(cloze('{{c1::std&#58;&#58;vec}} {{c2::struct{&#125;}}')).toBe(
      '{{c1::std\\::vec}} {{c2::struct\\{\\}}}',
    );
    expect(cloze('{{c1:: never closed')).toBe('\\{\\{c1\\:: never closed');
    const text = cloze('A set {1, 2}: {{c1::std&#58;&#58;set}}; {{c2::x::y}}');
    const parsed = asCard(text, 'A.', 'cloze');
    expect(parsed.problems).toEqual([]);
    expect(parsed.cards.map((c) => c.kind === 'cloze' && [c.id, c.answers])).toEqual([
      ['q/c1', ['std::set']],
      ['q/c2', ['x']],
    ]);
  });

  it('keeps deletions inside code spans and code blocks', () => {
    const text = cloze(
      '<pre><code class="language-go">var m map[string]int // m == {{c1::nil}}\n</code></pre>',
    );
    expect(text).toBe('```go\nvar m map[string]int // m == {{c1::nil}}\n```');
    expect(asCard(text, 'A.', 'cloze').problems).toEqual([]);
  });

  it('flattens a deletion nested in another into its text (grill deletions do not nest)', () => {
    const marked = markClozes('{{c1::outer {{c2::inner::h}} end}} and {{c3::z}}');
    expect(marked.flattened).toBe(1);
    expect(marked.numbers).toEqual([1, 3]);
    expect(unmarkClozes(htmlToMarkdown(marked.html, { media: () => null, cloze: true }))).toBe(
      '{{c1::outer inner end}} and {{c3::z}}',
    );
  });

  it('shows the text blanked or filled in, for a heading or a plain fallback', () => {
    const html = 'A {{c1::primary key::constraint}} and {{c2::foreign key}}';
    expect(clozePlainHtml(html, true)).toBe('A [constraint] and [...]');
    expect(clozePlainHtml(html, false)).toBe('A primary key and foreign key');
  });
});
