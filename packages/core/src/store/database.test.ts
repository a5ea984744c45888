import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { CardsTable } from './cards-table.js';
import { openDatabase } from './database.js';
import { SCHEMA_VERSION } from './migrations.js';

describe('database', () => {
  it('creates a new file in WAL mode with foreign keys on and the latest schema', () => {
    const file = path.join(tempDir(), 'sub', 'grill.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('migrates an old database file, keeping its data and a backup copy of the old version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'grill.db');
    const old = openDatabase(file, { targetVersion: 1 });
    old
      .prepare(
        "INSERT INTO events (id, card_key, type, at, device_id, payload) VALUES ('e1', 'd/c1', 'review', 1, 'dev', '{\"rating\":3,\"durationMs\":0}')",
      )
      .run();
    old.close();

    const db = openDatabase(file, { now: Date.parse('2026-03-02T09:00:00Z') });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id FROM events').all()).toEqual([{ id: 'e1' }]);
    expect(db.prepare('SELECT count(*) AS n FROM card_state_cache').get()).toEqual({ n: 0 });
    db.close();

    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toEqual(['grill.db.v1-2026-03-02T09-00-00-000Z.bak']);
    const copy = new Database(path.join(dir, backups[0] ?? ''), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT id FROM events').all()).toEqual([{ id: 'e1' }]);
    copy.close();
  });

  it('keeps the review facts when they move to a table keyed by card and event (v9), still one per event', () => {
    const file = path.join(tempDir(), 'grill.db');
    const old = openDatabase(file, { targetVersion: 8 });
    const fact = (eventId: string, cardKey: string) => [eventId, cardKey, 'd', 1, 3, 0, 2, 1.5];
    const insert = old.prepare('INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(fact('e2', 'd/c2'));
    insert.run(fact('e1', 'd/c1'));
    old.close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT * FROM review_cache ORDER BY event_id').all();
    expect(rows).toEqual([
      {
        event_id: 'e1',
        card_key: 'd/c1',
        deck_id: 'd',
        at: 1,
        rating: 3,
        duration_ms: 0,
        phase_before: 2,
        interval_days: 1.5,
        covered: null,
        mock: null,
      },
      expect.objectContaining({ event_id: 'e2', card_key: 'd/c2' }),
    ]);
    // Writing a fact again replaces it, as before.
    db.prepare(
      'INSERT OR REPLACE INTO review_cache (event_id, card_key, deck_id, at, rating, duration_ms, phase_before, interval_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(fact('e1', 'd/c1'));
    expect(db.prepare('SELECT count(*) AS n FROM review_cache').get()).toEqual({ n: 2 });
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .all()
        .map((r) => (r as { name: string }).name),
    ).not.toContain('card_state_due');
    db.close();
  });

  it('fills the review cache’s covered points and mock marker from the events it caches (v13)', () => {
    const file = path.join(tempDir(), 'grill.db');
    const old = openDatabase(file, { targetVersion: 12 });
    const event = old.prepare(
      "INSERT INTO events (id, card_key, type, at, device_id, payload) VALUES (?, 'd/c1', 'review', 1, 'dev', ?)",
    );
    event.run('e1', JSON.stringify({ rating: 3, durationMs: 0, detail: { covered: [0, 2], mock: 5 } }));
    event.run('e2', JSON.stringify({ rating: 3, durationMs: 0, detail: { chosen: [1] } }));
    event.run('e3', JSON.stringify({ rating: 3, durationMs: 0 }));
    const fact = old.prepare("INSERT INTO review_cache VALUES (?, 'd/c1', 'd', 1, 3, 0, 2, 1.5)");
    for (const id of ['e1', 'e2', 'e3']) fact.run(id);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT event_id, covered, mock FROM review_cache ORDER BY event_id').all()).toEqual([
      { event_id: 'e1', covered: '[0,2]', mock: 5 },
      { event_id: 'e2', covered: null, mock: null },
      { event_id: 'e3', covered: null, mock: null },
    ]);
    db.close();
  });

  it('stores what a card says once: columns for key, deck, id, kind, hash and line, the rest as content (v11)', () => {
    const file = path.join(tempDir(), 'grill.db');
    const old = openDatabase(file, { targetVersion: 10 });
    const card = {
      deckId: 'd',
      id: 'c1',
      key: 'd/c1',
      kind: 'basic',
      title: 'Q?',
      tags: ['t'],
      hash: 'h',
      line: 7,
    };
    old
      .prepare(
        "INSERT INTO decks (id, title, description, tags, source_path, source_hash, imported_at) VALUES ('d', 'D', '', '[]', 'd.md', 'x', 1)",
      )
      .run();
    old
      .prepare(
        "INSERT INTO cards (key, deck_id, card_id, kind, content, content_hash, source_line, position, retired, added_at) VALUES ('d/c1', 'd', 'c1', 'basic', ?, 'h', 7, 0, 0, 1)",
      )
      .run(JSON.stringify(card));
    old.close();
    const db = openDatabase(file);
    const stored = db.prepare('SELECT content FROM cards').get() as { content: string };
    expect(JSON.parse(stored.content)).toEqual({ title: 'Q?', tags: ['t'] });
    const cards = new CardsTable(db);
    expect(cards.get('d/c1')?.content).toEqual(card);
    expect(cards.keysWithTag('t')).toEqual(new Set(['d/c1']));
    db.close();
  });

  it('names the tables derived from the review log as caches (v12), keeping their rows', () => {
    const file = path.join(tempDir(), 'grill.db');
    const old = openDatabase(file, { targetVersion: 11 });
    old
      .prepare('INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('e1', 'd/c1', 'd', 1, 3, 0, 2, 1.5);
    old.close();
    const db = openDatabase(file);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toContain('card_state_cache');
    expect(tables).toContain('review_cache');
    expect(tables).not.toContain('card_state');
    expect(tables).not.toContain('reviews');
    expect(db.prepare('SELECT event_id FROM review_cache').all()).toEqual([{ event_id: 'e1' }]);
    db.close();
  });

  it('refuses a database newer than this grill, leaving it untouched', () => {
    const file = path.join(tempDir(), 'grill.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this grill/);
    expect(existsSync(file)).toBe(true);
  });
});
