/** Numbered schema migrations. Each runs once, in a transaction, and bumps `user_version`. */
export const MIGRATIONS: readonly string[] = [
  // 1: content and the review log (the source of truth).
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE decks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    source_path TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    imported_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE cards (
    key TEXT PRIMARY KEY,
    deck_id TEXT NOT NULL REFERENCES decks(id),
    card_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX cards_deck ON cards(deck_id, position);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    card_key TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    target_id TEXT
  ) STRICT;
  CREATE INDEX events_card ON events(card_key, at, id);
  CREATE INDEX events_target ON events(target_id) WHERE target_id IS NOT NULL;
  CREATE TABLE settings (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  ) STRICT;
  `,
  // 2: caches derived from the review log; rebuilt by replay at any time.
  `
  CREATE TABLE card_state (
    card_key TEXT PRIMARY KEY,
    phase INTEGER NOT NULL,
    due INTEGER NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    elapsed_days REAL NOT NULL,
    scheduled_days REAL NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    last_review INTEGER,
    first_review INTEGER,
    suspended INTEGER NOT NULL,
    buried_until INTEGER,
    leech INTEGER NOT NULL,
    last_event_id TEXT,
    last_event_at INTEGER
  ) STRICT;
  CREATE INDEX card_state_due ON card_state(phase, due);
  CREATE TABLE reviews (
    event_id TEXT PRIMARY KEY,
    card_key TEXT NOT NULL,
    deck_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    phase_before INTEGER NOT NULL,
    interval_days REAL NOT NULL
  ) STRICT;
  CREATE INDEX reviews_at ON reviews(at);
  CREATE INDEX reviews_card ON reviews(card_key);
  `,
  // 3: sync. Which events the server has acknowledged, and when each setting was changed (a
  // hybrid logical clock string, so settings merge last-writer-wins across machines).
  `
  ALTER TABLE events ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX events_unsynced ON events(seq) WHERE synced = 0;
  ALTER TABLE settings ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
  `,
  // 4: a deck file's size and modification time, so unchanged files are skipped without reading.
  `
  ALTER TABLE decks ADD COLUMN source_size INTEGER NOT NULL DEFAULT -1;
  ALTER TABLE decks ADD COLUMN source_mtime REAL NOT NULL DEFAULT -1;
  `,
  // 5: the answers-by-time index also covers what stats and daily limits read from it.
  `
  DROP INDEX reviews_at;
  CREATE INDEX reviews_at ON reviews(at, phase_before, rating, duration_ms, deck_id);
  `,
  // 6: unsynced events are found from a remembered starting point (meta sync.from); the partial
  // index cost every answer a b-tree update.
  `
  DROP INDEX events_unsynced;
  `,
  // 7: which events were made in this database, as opposed to pulled by sync: undo takes back
  // only those. Before, events this device recorded were told apart by device id alone, which a
  // copied data folder shares.
  `
  ALTER TABLE events ADD COLUMN local INTEGER NOT NULL DEFAULT 0;
  UPDATE events SET local = 1
    WHERE synced = 0 OR device_id = (SELECT value FROM meta WHERE key = 'device_id');
  `,
  // 8: events that failed the sync protocol's checks, kept aside and never applied.
  `
  CREATE TABLE quarantine (
    hash TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    problem TEXT NOT NULL,
    origin TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  `,
  // 9: the review facts stored by card, then event (a WITHOUT ROWID table keyed by both, which
  // also serves the per-card deletes reviews_card served): a card's answers are one run of the
  // table, so a rebuild of every card refills it in order, and an answer updates two b-trees, not
  // four. Each event belongs to one card, so the event id stays unique.
  `
  CREATE TABLE reviews_v9 (
    event_id TEXT NOT NULL,
    card_key TEXT NOT NULL,
    deck_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    phase_before INTEGER NOT NULL,
    interval_days REAL NOT NULL,
    PRIMARY KEY (card_key, event_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO reviews_v9 (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days)
    SELECT event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days FROM reviews;
  DROP TABLE reviews;
  ALTER TABLE reviews_v9 RENAME TO reviews;
  CREATE INDEX reviews_at ON reviews(at, phase_before, rating, duration_ms, deck_id);
  `,
  // 10: no index on card_state(phase, due). The queries it was for ask for phase > 0, a range that
  // leaves `due` unusable, so it only ever walked every scheduled card and looked each one up (a
  // plain scan of the table is faster), while every answer paid to keep it.
  `
  DROP INDEX card_state_due;
  `,
  // 11: a card's content no longer repeats what its columns hold (key, deck, id, kind, hash, line).
  `
  UPDATE cards SET content = json_remove(content, '$.key', '$.deckId', '$.id', '$.kind', '$.hash', '$.line');
  `,
  // 12: the tables derived from the review log say so in their names: caches, rebuilt by replay.
  `
  ALTER TABLE card_state RENAME TO card_state_cache;
  ALTER TABLE reviews RENAME TO review_cache;
  `,
  // 13: the review cache keeps what an open-card answer covered and the mock interview it was
  // given in, so weak spots and mock history read them by index instead of parsing every event.
  `
  ALTER TABLE review_cache ADD COLUMN covered TEXT;
  ALTER TABLE review_cache ADD COLUMN mock INTEGER;
  UPDATE review_cache SET covered = d.covered, mock = d.mock
  FROM (
    SELECT id,
      CASE json_type(payload, '$.detail.covered') WHEN 'array' THEN json_extract(payload, '$.detail.covered') END AS covered,
      CASE json_type(payload, '$.detail.mock') WHEN 'integer' THEN json_extract(payload, '$.detail.mock') END AS mock
    FROM events
    WHERE type = 'review' AND (json_type(payload, '$.detail.covered') = 'array' OR json_type(payload, '$.detail.mock') = 'integer')
  ) AS d
  WHERE d.id = review_cache.event_id;
  CREATE INDEX review_cache_covered ON review_cache(card_key) WHERE covered IS NOT NULL;
  CREATE INDEX review_cache_mock ON review_cache(mock, at) WHERE mock IS NOT NULL;
  `,
  // 14: full-text search over the active cards (grill cards --search), ranked by bm25. Words as
  // unicode61 splits them, with `+` and `#` kept inside words (N+1, C++, C#: one token each; `PUT`,
  // `401` are words already, `GET /users/{id}` the words get, users, id), diacritics and case folded,
  // English endings stemmed (porter: caching finds cache). A trigram index would also match PUT
  // inside input and output, and nothing shorter than three characters (Go, id). Triggers keep it
  // in step with every write to cards, whichever code makes it: a row per active card, its rowid
  // the card's. Columns: the question; the prompt (body, choice options); what the answer reveals
  // (model answer, accepted answers, rubric points, why, common mistake).
  `
  CREATE VIRTUAL TABLE card_search USING fts5(
    question, prompt, answer,
    tokenize = "porter unicode61 remove_diacritics 2 tokenchars '+#'"
  );
  INSERT INTO card_search (rowid, question, prompt, answer)
    SELECT rowid, ${searchColumns('content')} FROM cards WHERE retired = 0;
  CREATE TRIGGER card_search_insert AFTER INSERT ON cards WHEN new.retired = 0 BEGIN
    INSERT INTO card_search (rowid, question, prompt, answer) VALUES (new.rowid, ${searchColumns('new.content')});
  END;
  CREATE TRIGGER card_search_update AFTER UPDATE OF content, retired ON cards
    WHEN old.content IS NOT new.content OR old.retired IS NOT new.retired BEGIN
    DELETE FROM card_search WHERE rowid = old.rowid;
    INSERT INTO card_search (rowid, question, prompt, answer)
      SELECT new.rowid, ${searchColumns('new.content')} WHERE new.retired = 0;
  END;
  CREATE TRIGGER card_search_delete AFTER DELETE ON cards BEGIN
    DELETE FROM card_search WHERE rowid = old.rowid;
  END;
  `,
];

/**
 * Migration 14's text of a card for the search index, from its content JSON `json` (an SQL
 * expression): the question, the prompt and the answer, lists one item a line.
 */
function searchColumns(json: string): string {
  const list = (path: string, item = 'value') =>
    `(SELECT group_concat(${item}, char(10)) FROM json_each(${json}, '${path}'))`;
  return [
    `json_extract(${json}, '$.title')`,
    `concat_ws(char(10), json_extract(${json}, '$.body'), ${list('$.options', "json_extract(value, '$.text')")})`,
    `concat_ws(char(10), json_extract(${json}, '$.answer'), ${list('$.accept')}, ${list('$.rubric')}, json_extract(${json}, '$.why'), json_extract(${json}, '$.mistake'))`,
  ].join(', ');
}

export const SCHEMA_VERSION = MIGRATIONS.length;
