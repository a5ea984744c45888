import { describe, expect, it } from 'vitest';
import {
  contentWords,
  type DuplicateCheckItem,
  duplicateCheckItems,
  fencedCode,
  findNearDuplicates,
  NEAR_DUPLICATE_THRESHOLDS,
  weightedDice,
} from './near-duplicates.js';
import { parseDeck } from './parse-deck.js';

const item = (key: string, prompt: string, answer: string): DuplicateCheckItem => ({
  key,
  deck: key.split('/')[0]!,
  prompt,
  answer,
});

// Unrelated cards, so that the idf weights behave as they do over a real deck.
const BACKGROUND: DuplicateCheckItem[] = [
  item(
    'bg/put-vs-patch',
    'PUT vs PATCH: which one replaces the whole resource?',
    'PUT sends the full representation; PATCH sends only the changes.',
  ),
  item(
    'bg/status-201',
    'Which status code says created?',
    '201 Created, with a Location header pointing at the new resource.',
  ),
  item(
    'bg/cookie-httponly',
    'Which cookie attribute hides a cookie from JavaScript?',
    'HttpOnly: document.cookie cannot read it, so XSS cannot steal the session id.',
  ),
  item(
    'bg/git-revert',
    'How do you undo a pushed commit safely?',
    'git revert creates a new commit that applies the inverse change; history only grows.',
  ),
  item(
    'bg/lru',
    'What does LRU eviction remove first?',
    'The key that has gone longest without being read or written.',
  ),
  item(
    'bg/binary-search',
    'What is the time complexity of binary search?',
    'O(log n): every comparison halves the range that is left to search.',
  ),
  item(
    'bg/sigterm',
    'Which signal asks a container to stop?',
    'SIGTERM, then SIGKILL once the grace period is over.',
  ),
  item(
    'bg/index',
    'Why not index every column?',
    'Each index slows every insert and update and takes disk and memory.',
  ),
];

const DEADLOCK_LOG = `\`\`\`text
ERROR:  deadlock detected
DETAIL:  Process 4312 waits for ShareLock on transaction 9120; blocked by process 4318.
\`\`\``;

describe('contentWords', () => {
  it('lowercases, drops markdown, punctuation and common words, and strips plural and verb endings', () => {
    expect([
      ...contentWords('The **Requests** were `retried`, and [see here](https://x.test/a) the caches!'),
    ]).toEqual(['request', 'retri', 'see', 'here', 'cach']);
  });

  it('keeps status codes and short numbers but drops longer ones: pids, ports, ids', () => {
    expect(contentWords('429 after 3 tries; pid 4312 on port 3000')).toEqual(
      new Set(['429', '3', 'tri', 'pid', 'port']),
    );
  });
});

describe('fencedCode', () => {
  it('returns every fenced block with its whitespace collapsed, whatever the fence', () => {
    const md =
      'Intro\n\n```sql\nSELECT  *\n  FROM t;\n```\n\n~~~text\nlog   line\n~~~\n\n````md\n```\ninner\n```\n````\n';
    expect(fencedCode(md)).toEqual(['SELECT * FROM t;', 'log line', '``` inner ```']);
  });

  it('ignores inline code and empty blocks', () => {
    expect(fencedCode('Run `npm ci` first.\n\n```bash\n```\n')).toEqual([]);
  });
});

describe('weightedDice', () => {
  it('is 1 for equal sets, 0 for disjoint or empty ones', () => {
    expect(weightedDice(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(1);
    expect(weightedDice(new Set(['a']), new Set(['b']))).toBe(0);
    expect(weightedDice(new Set(), new Set(['a']))).toBe(0);
  });

  it('counts a shared word by its weight', () => {
    const a = new Set(['rare', 'common']);
    const b = new Set(['rare', 'other']);
    expect(weightedDice(a, b)).toBeCloseTo(0.5);
    expect(weightedDice(a, b, (w) => (w === 'rare' ? 8 : 1))).toBeCloseTo((2 * 8) / (9 + 9));
  });
});

describe('findNearDuplicates', () => {
  it('finds nothing among unrelated cards', () => {
    expect(findNearDuplicates(BACKGROUND)).toEqual([]);
  });

  it('flags two decks teaching one fact with the same log, reworded and with other pids', () => {
    const sqlCard = item(
      'sql/deadlock',
      `What is a deadlock, and how do you prevent it?\n\n${DEADLOCK_LOG.replaceAll('4312', '812').replace('9120', '5521')}`,
      'Two transactions each hold a row lock the other needs. The database aborts one; retry it, and lock rows in a consistent order.',
    );
    const debugCard = item(
      'debugging/transfer-deadlock',
      `Money transfers sometimes fail with a deadlock. What is the cause and the fix?\n\n${DEADLOCK_LOG}`,
      'Each transfer locks one account row and waits for the other: the database detects the cycle and aborts one. Lock rows in a consistent order and retry the aborted transaction.',
    );
    const found = findNearDuplicates([...BACKGROUND, sqlCard, debugCard]);
    expect(found).toEqual([
      { a: 'sql/deadlock', b: 'debugging/transfer-deadlock', field: 'both', score: expect.any(Number) },
    ]);
    expect(found[0]!.score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLDS.bothAcrossDecks);
  });

  it('holds cards of one deck to the stricter threshold, so parallel cards on one topic pass', () => {
    const second = item(
      'sql/2nf',
      'Table order_items (order_id, product_id, product_name) has key (order_id, product_id). Which normal form does it break?',
      'Second normal form: product_name depends on only part of the key. Move it to a products table.',
    );
    const third = item(
      'sql/3nf',
      'Table employees (id, dept_id, dept_name) has key id. Which normal form does it break?',
      'Third normal form: dept_name depends on dept_id, a non-key column. Move it to a departments table.',
    );
    const across = { ...third, deck: 'other' };
    expect(findNearDuplicates([...BACKGROUND, second, third])).toEqual([]);
    expect(findNearDuplicates([...BACKGROUND, second, across]).map((d) => d.field)).toEqual(['both']);
  });

  it('flags a near-identical prompt or answer on its own', () => {
    const tables =
      'customers (id, name): Ann, Bob, Cy. orders (id, customer_id): 10 for Ann, 11 for Ann, 12 for Bob.';
    const a = item('a/q', `How many rows does this INNER JOIN return?\n\n${tables}`, 'Three rows.');
    const b = item(
      'b/q',
      `How many rows does this LEFT JOIN return?\n\n${tables}`,
      'Four rows, one padded with NULL.',
    );
    const c = item(
      'c/q',
      'Explain what idempotent means for an HTTP method.',
      'Repeating the request leaves the server in the same state as sending it once.',
    );
    const d = item(
      'd/q',
      'Which HTTP methods are safe to retry?',
      'Repeating the request leaves the server in the same state as sending it once.',
    );
    const fields = findNearDuplicates([...BACKGROUND, a, b, c, d]).map((x) => `${x.field} ${x.a} ${x.b}`);
    expect(fields).toContain('prompt a/q b/q');
    expect(fields).toContain('answer c/q d/q');
  });

  it('flags the same code block in two cards, but not a short one', () => {
    const log =
      '```text\n[error] connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://10.0.2.15:3000/api"\n```';
    const x = item('a/one', `Users get a 502.\n\n${log}`, 'The app is down.');
    const y = item('b/two', 'Which process should you look at?', `The one behind this line:\n\n${log}`);
    const shortA = item(
      'c/one',
      'Write a query.\n\n```sql\norders (id, total)\n```',
      'SELECT SUM(total) FROM orders;',
    );
    const shortB = item(
      'd/two',
      'Write another query.\n\n```sql\norders (id, total)\n```',
      'SELECT COUNT(*) FROM orders;',
    );
    expect(
      findNearDuplicates([...BACKGROUND, x, y, shortA, shortB]).filter((d) => d.field === 'code'),
    ).toEqual([{ a: 'a/one', b: 'b/two', field: 'code', score: 1 }]);
  });

  it('takes other thresholds when given', () => {
    const a = item(
      'a/x',
      'Which status code means too many requests?',
      '429 Too Many Requests with Retry-After.',
    );
    const b = item('b/y', 'What does a rate limiter answer?', '429 Too Many Requests with Retry-After.');
    expect(findNearDuplicates([a, b], { answer: 1.01, bothAcrossDecks: 1.01 })).toEqual([]);
    expect(findNearDuplicates([a, b], { answer: 0.5 }).map((d) => d.field)).toContain('answer');
  });
});

describe('duplicateCheckItems', () => {
  const FRONT = '---\nid: demo\ntitle: Demo\n---\n';

  it('makes one item per card, with rubric, options and accepted answers in the answer text', () => {
    const { cards, problems } = parseDeck(
      `${FRONT}
## Open one? {#o}
kind: open

Body text.

### Rubric
- first point
- second point

### Answer
Model answer.

### Common mistake
Not part of it.

## Pick one {#c}
kind: choice

### Options
- [x] right option
- [ ] wrong option

## Type it {#t}
kind: typed

### Accept
- 429
- 429 Too Many Requests
`,
      'demo.md',
    );
    expect(problems).toEqual([]);
    expect(duplicateCheckItems(cards)).toEqual([
      {
        key: 'demo/o',
        deck: 'demo',
        prompt: 'Open one?\n\nBody text.',
        answer: 'Model answer.\n\nfirst point\n\nsecond point',
      },
      { key: 'demo/c', deck: 'demo', prompt: 'Pick one\n\n', answer: '\n\nright option\n\nwrong option' },
      { key: 'demo/t', deck: 'demo', prompt: 'Type it\n\n', answer: '\n\n429\n\n429 Too Many Requests' },
    ]);
  });

  it("turns a cloze card's numbers into one item with the whole text filled in", () => {
    const { cards } = parseDeck(
      `${FRONT}\n## Retry {#r}\nkind: cloze\n\nSafe to retry: {{c1::PUT}} and {{c2::DELETE::a method}}.\n`,
      'demo.md',
    );
    expect(cards).toHaveLength(2);
    expect(duplicateCheckItems(cards)).toEqual([
      { key: 'demo/r', deck: 'demo', prompt: 'Retry\n\nSafe to retry: PUT and DELETE.', answer: '' },
    ]);
  });
});
