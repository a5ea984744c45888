import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, grillWith, HOUR, MINUTE, T0, writeDeck } from '../test-support/fixtures.js';
import { listCards } from './card-list.js';
import type { Grill } from './grill.js';
import { importPaths } from './import-paths.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

type TestCard = { id: string; q: string; a: string; extra?: string };
const WEB: TestCard[] = [
  { id: 'put', q: 'When is a PUT request idempotent?', a: 'Always: repeating it leaves the same state.' },
  { id: 'io', q: 'How do you read input and output streams?', a: 'Pipes; the throughput is what matters.' },
  {
    id: 'status-401',
    q: 'What does the status code mean?',
    a: 'A 401: the request has no valid credentials.',
  },
  { id: 'port', q: 'Which port does the mock server use?', a: 'Port 4010, the default.' },
  { id: 'n-plus-one', q: 'What is the N+1 query problem?', a: 'One query per row after the list query.' },
  { id: 'replicas', q: 'How many replicas may fail?', a: 'N-1 of them, or 1 n at a time.' },
  { id: 'route', q: 'Which route fetches one user?', a: '`GET /users/{id}` returns the user.' },
  { id: 'users', q: 'Where are users listed?', a: 'In the admin panel: GET it, then id each one.' },
];
// `cache` once in the answer of the first card, once in the question of the second, a longer card
// (which bm25 would rank lower, the columns weighing the same): the question ranks first.
const CACHING: TestCard[] = [
  { id: 'ttl', q: 'What does a TTL bound?', a: 'How long a cache entry lives.', extra: 'tags: expiry\n' },
  {
    id: 'aside',
    q: 'Explain the cache-aside pattern.',
    a: 'On a miss, read from the database, then store the result for the next reads and wait.',
  },
  { id: 'stampede', q: 'What is a stampede?', a: 'Many misses at once.', extra: 'tags: expiry\n' },
];

function deck(id: string, cards: readonly TestCard[], tags: string[] = []): string {
  const body = cards.map((c) => `## ${c.q} {#${c.id}}\n${c.extra ?? ''}\n### Answer\n${c.a}\n`).join('\n');
  return `---\nid: ${id}\ntitle: ${id}\ntags: [${tags.join(', ')}]\n---\n\n${body}`;
}

function setup() {
  const env = grillWith({ 'web.md': deck('web', WEB), 'caching.md': deck('caching', CACHING, ['perf']) });
  open.push(env.grill);
  return env;
}

const keys = (grill: Grill, query: Parameters<typeof listCards>[2], now = T0) =>
  listCards(grill, now, query).map((c) => c.key);

describe('full-text search over the cards', () => {
  it('matches code-ish words whole: PUT, N+1, 401, GET /users/{id}', () => {
    const { grill } = setup();
    // Not inside input and output (as a trigram index would), nor 4010.
    expect(keys(grill, { search: 'PUT' })).toEqual(['web/put']);
    expect(keys(grill, { search: 'put' })).toEqual(['web/put']);
    // One token: not N-1, nor a 1 next to an n.
    expect(keys(grill, { search: 'N+1' })).toEqual(['web/n-plus-one']);
    expect(keys(grill, { search: '401' })).toEqual(['web/status-401']);
    // Every word is required, a "quoted phrase" as written: the users card has the words users and
    // GET but not the route.
    expect(keys(grill, { search: 'GET /users/{id}' })).toEqual(['web/route']);
    expect(keys(grill, { search: '"GET /users/{id}"' })).toEqual(['web/route']);
    expect(keys(grill, { search: 'users GET' }).sort()).toEqual(['web/route', 'web/users']);
    expect(keys(grill, { search: 'PUT 401' })).toEqual([]);
  });

  it('ranks by bm25, a word in the question above one in the answer, whatever the file order', () => {
    const { grill } = setup();
    expect(keys(grill, { search: 'cache' })).toEqual(['caching/aside', 'caching/ttl']);
    // Endings are stemmed: caching, cached find cache.
    expect(keys(grill, { search: 'caching' })).toEqual(['caching/aside', 'caching/ttl']);
    expect(keys(grill, { search: 'idempot*' })).toEqual(['web/put']);
  });

  it('as you type: the last word may be unfinished, even past its stem; finished words are whole', () => {
    const { grill } = grillWith({
      'db.md': deck('db', [
        { id: 'repl', q: 'Why use database replication?', a: 'Reads scale; a standby can take over.' },
        { id: 'replicas', q: 'How many replicas?', a: 'Three.' },
        { id: 'org', q: 'How does an organization shard?', a: 'By tenant.' },
        { id: 'cache', q: 'When does caching hurt?', a: 'Stale reads.' },
      ]),
    });
    open.push(grill);
    const typed = (search: string) => keys(grill, { search, asYouType: true });
    // Every prefix of a word, as its letters arrive, finds its card: the index holds replication
    // as `replic`, organization as `organ`, caching as `cach`, which `replicati`, `organizati`,
    // `cachin` no longer begin.
    for (const [word, card] of [
      ['replication', 'db/repl'],
      ['organization', 'db/org'],
      ['caching', 'db/cache'],
    ] as const) {
      for (let n = 1; n <= word.length; n++)
        expect(typed(word.slice(0, n)), word.slice(0, n)).toContain(card);
    }
    // Past a stem, the word may be any the cuts begin: replication (`replic`) or replicas (`replica`).
    expect(typed('replicati').sort()).toEqual(['db/repl', 'db/replicas']);
    // The words before the last are whole words, all required; the last is cut only when needed.
    expect(typed('database replicati')).toEqual(['db/repl']);
    // A stem and the start of an ending: replica may be replic + ation.
    expect(typed('replica').sort()).toEqual(['db/repl', 'db/replicas']);
    expect(typed('replicas')).toEqual(['db/replicas']);
    expect(typed('tenant replicati')).toEqual([]);
    expect(typed('repl').sort()).toEqual(['db/repl', 'db/replicas']);
    // A space, a quote or `*` finishes the word: then it is matched whole (stemmed) only.
    expect(typed('repl ')).toEqual([]);
    expect(keys(grill, { search: 'repl' })).toEqual([]);
    expect(typed('"rea')).toEqual([]);
    expect(typed('rea').sort()).toEqual(['db/cache', 'db/repl']);
    expect(typed('stale rea')).toEqual(['db/cache']);
  });

  it('never fails on query syntax: what the user types is text', () => {
    const { grill } = setup();
    for (const text of [
      'AND',
      'OR',
      'NOT',
      'NEAR(a b)',
      '"',
      '""',
      '(',
      'a:b',
      '^x',
      '-x',
      '*',
      'x"y',
      "it's",
      '{}',
      '+',
      'C++ OR',
    ]) {
      // Never an FTS5 syntax error: found cards, or no word to look for (bad --search).
      try {
        listCards(grill, T0, { search: text });
      } catch (error) {
        expect((error as Error).message, text).toMatch(/^bad --search .*: give words to look for/);
        expect(/[\p{L}\p{N}+#]/u.test(text), text).toBe(false);
      }
    }
    // Operators are words like any other.
    expect(keys(grill, { search: 'OR' })).toEqual(['web/replicas']);
    expect(keys(grill, { search: 'NOT' })).toEqual([]);
    expect(keys(grill, { search: '-- "" x' })).toEqual([]);
    expect(() => listCards(grill, T0, { search: '  ' })).toThrow(/bad --search/);
    expect(() => listCards(grill, T0, { search: '""' })).toThrow(/bad --search '""': give words/);
    expect(() => listCards(grill, T0, { search: '--' })).toThrow(/bad --search '--'/);
    expect(listCards(grill, T0, { search: '""', asYouType: true })).toEqual([]);
  });

  it('stays in step with imports: an edited card is found by its new words only, a removed one no more', () => {
    const { grill, dir } = setup();
    expect(keys(grill, { search: 'throughput' })).toEqual(['web/io']);
    const edited = WEB.map((c) => (c.id === 'io' ? { ...c, a: 'Pipes; the latency is what matters.' } : c));
    writeDeck(
      dir,
      'web.md',
      deck(
        'web',
        edited.filter((c) => c.id !== 'put'),
      ),
    );
    expect(importPaths(grill, [dir], T0)).toMatchObject([{}, { deckId: 'web', updated: 1, retired: 1 }]);
    expect(keys(grill, { search: 'throughput' })).toEqual([]);
    expect(keys(grill, { search: 'latency' })).toEqual(['web/io']);
    expect(keys(grill, { search: 'PUT' })).toEqual([]);
    expect(keys(grill, {})).not.toContain('web/put');
    // Back in the file: restored, and found again.
    writeDeck(dir, 'web.md', deck('web', edited));
    importPaths(grill, [dir], T0);
    expect(keys(grill, { search: 'PUT' })).toEqual(['web/put']);
    // A card moved in its file (same text) is still found once.
    writeDeck(dir, 'web.md', deck('web', [...edited].reverse()));
    importPaths(grill, [dir], T0);
    expect(keys(grill, { search: 'PUT' })).toEqual(['web/put']);
    const rows = grill.store.db.prepare('SELECT count(*) AS n FROM card_search').get() as { n: number };
    expect(rows.n).toBe(WEB.length + CACHING.length);
  });

  it('combines with the deck and tag filters', () => {
    const { grill } = setup();
    expect(keys(grill, { search: 'cache', tag: 'expiry' })).toEqual(['caching/ttl']);
    expect(keys(grill, { search: 'cache', deck: 'web' })).toEqual([]);
    expect(keys(grill, { tag: 'perf' })).toEqual(['caching/ttl', 'caching/aside', 'caching/stampede']);
    expect(() => listCards(grill, T0, { deck: 'nope' })).toThrow(/unknown deck "nope"/);
    expect(() => listCards(grill, T0, { tag: 'nope' })).toThrow(/unknown tag "nope"/);
  });
});

describe('the card list', () => {
  /**
   * web/put and caching/aside in review (answered 20 and 5 days before NOW), web/io learning,
   * web/status-401 a relearning leech, web/n-plus-one suspended, web/route buried.
   */
  function studied() {
    const env = setup();
    const { grill } = env;
    grill.setSetting('leech-threshold', 1, T0);
    grill.answer('web/put', 3, T0);
    grill.answer('web/put', 3, T0 + 10 * MINUTE);
    grill.answer('caching/aside', 3, T0 + 15 * DAY);
    grill.answer('caching/aside', 3, T0 + 15 * DAY + 10 * MINUTE);
    grill.answer('web/status-401', 3, T0);
    grill.answer('web/status-401', 4, T0 + 10 * MINUTE);
    grill.answer('web/status-401', 1, T0 + 20 * DAY);
    grill.answer('web/io', 1, T0 + 20 * DAY);
    grill.suspend('web/n-plus-one', T0);
    grill.bury('web/route', T0 + 20 * DAY);
    return env;
  }
  const NOW = T0 + 20 * DAY + HOUR;

  it('shows each card’s state, due, memory and recall now; never-answered cards have none', () => {
    const { grill } = studied();
    const list = listCards(grill, NOW, { deck: 'web' });
    expect(list.map((c) => c.key)).toEqual(WEB.map((c) => `web/${c.id}`));
    const byKey = new Map(list.map((c) => [c.key, c]));
    expect(byKey.get('web/put')).toMatchObject({
      deck: 'web',
      title: 'When is a PUT request idempotent?',
      status: 'review',
      phase: 'review',
      lapses: 0,
      leech: false,
      due: grill.state('web/put').due,
      stability: grill.state('web/put').stability,
      difficulty: grill.state('web/put').difficulty,
    });
    expect(byKey.get('web/io')).toMatchObject({ status: 'learning', phase: 'learning' });
    expect(byKey.get('web/status-401')).toMatchObject({ status: 'relearning', lapses: 1, leech: true });
    expect(byKey.get('web/n-plus-one')).toMatchObject({ status: 'suspended', suspended: true, due: null });
    expect(byKey.get('web/route')).toMatchObject({ status: 'buried', buried: true, phase: 'new' });
    expect(byKey.get('web/port')).toMatchObject({
      status: 'new',
      due: null,
      dueDay: null,
      stability: null,
      retrievability: null,
    });
    // Recall now, independently: ts-fsrs's retrievability of the same two answers 20 days on (the
    // collection's days are UTC days starting at 04:00: 20 whole days since the 2026-03-02 answers).
    const f = fsrs(generatorParameters({ enable_short_term: true }));
    let card = createEmptyCard(new Date('2026-03-02T05:00:00Z'));
    card = f.next(card, new Date('2026-03-02T05:00:00Z'), 3).card;
    card = f.next(card, new Date('2026-03-02T05:10:00Z'), 3).card;
    const expected = f.get_retrievability(card, new Date('2026-03-22T05:10:00Z'), false) as number;
    expect(byKey.get('web/put')?.retrievability).toBeCloseTo(expected, 6);
    expect(expected).toBeLessThan(0.95);
    // Buried until the next day starts; then a new card again.
    expect(listCards(grill, NOW + DAY, { deck: 'web' }).find((c) => c.key === 'web/route')?.status).toBe(
      'new',
    );
  });

  it('filters by state: phases without the hidden cards, flags whatever the phase', () => {
    const { grill } = studied();
    const of = (state: string) => keys(grill, { deck: 'web', state }, NOW);
    expect(of('new')).toEqual(['web/port', 'web/replicas', 'web/users']);
    expect(of('learning')).toEqual(['web/io', 'web/status-401']);
    expect(of('review')).toEqual(['web/put']);
    expect(of('suspended')).toEqual(['web/n-plus-one']);
    expect(of('buried')).toEqual(['web/route']);
    expect(of('leech')).toEqual(['web/status-401']);
    expect(() => of('relearning')).toThrow(
      'bad --state "relearning": one of new, learning, review, suspended, buried, leech',
    );
  });

  it('filters by due day and sorts by due, lapses, retrievability and deck; limits', () => {
    const { grill } = studied();
    // Due: put 2026-03-04 09:10, aside 03-19 09:10, io and status-401 03-22 09:01 and 09:10 (UTC);
    // a day starts at 04:00.
    expect(keys(grill, { dueBefore: '2026-03-04' }, NOW)).toEqual([]);
    expect(keys(grill, { dueBefore: '2026-03-05' }, NOW)).toEqual(['web/put']);
    expect(keys(grill, { dueBefore: '2026-03-22' }, NOW)).toEqual(['caching/aside', 'web/put']);
    expect(keys(grill, { dueBefore: '2026-03-23', deck: 'web' }, NOW)).toEqual([
      'web/put',
      'web/io',
      'web/status-401',
    ]);
    expect(() => keys(grill, { dueBefore: '2026-02-30' }, NOW)).toThrow('bad --due-before "2026-02-30"');
    const answered = ['web/put', 'caching/aside', 'web/io', 'web/status-401'];
    const due = listCards(grill, NOW, { sort: 'due' });
    expect(due.slice(0, 4).map((c) => c.key)).toEqual(answered);
    expect(due.slice(4).every((c) => c.due === null)).toBe(true);
    // Lowest recall first (put 20 days on, aside 5; the others answered today: equal, in deck order).
    const weakest = listCards(grill, NOW, { sort: 'retrievability' });
    expect(weakest.slice(0, 4).map((c) => c.key)).toEqual(answered);
    expect(weakest[0]?.retrievability).toBeLessThan(weakest[1]?.retrievability ?? 0);
    expect(weakest.slice(4).every((c) => c.retrievability === null)).toBe(true);
    expect(keys(grill, { sort: 'lapses', limit: 1 }, NOW)).toEqual(['web/status-401']);
    // Deck order: by deck id, then file order; a search sorted by deck keeps file order within it.
    expect(keys(grill, { sort: 'deck', limit: 4 }, NOW)).toEqual([
      'caching/ttl',
      'caching/aside',
      'caching/stampede',
      'web/put',
    ]);
    expect(keys(grill, { search: 'cache', sort: 'deck' }, NOW)).toEqual(['caching/ttl', 'caching/aside']);
    expect(keys(grill, { limit: 2 }, NOW)).toEqual(['caching/ttl', 'caching/aside']);
    // The limit cuts the list as it would be in full, whether the store stops early or not.
    for (const query of [{ search: 'cache' }, { state: 'review' }, { dueBefore: '2026-03-23' }, {}])
      for (const limit of [1, 2, 3])
        expect(keys(grill, { ...query, limit }, NOW), JSON.stringify({ ...query, limit })).toEqual(
          keys(grill, query, NOW).slice(0, limit),
        );
    expect(() => keys(grill, { sort: 'title' })).toThrow(
      'bad --sort "title": one of due, lapses, retrievability, deck',
    );
    expect(() => keys(grill, { limit: 0 })).toThrow('bad --limit "0"');
  });
});
