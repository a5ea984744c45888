import { compareHlc } from '../scheduler/settings-clock.js';
import type { Db } from './database.js';

/** Setting overrides; scope '' is global, otherwise a deck id. Values are stored as JSON. */
export class SettingsTable {
  private readonly scopeStmt;
  private readonly allStmt;
  private readonly setStmt;
  private readonly hlcStmt;
  private readonly maxHlcStmt;

  constructor(private readonly db: Db) {
    this.scopeStmt = db.prepare<[string], { key: string; value: string }>(
      'SELECT key, value FROM settings WHERE scope = ?',
    );
    this.allStmt = db.prepare<[], { scope: string; key: string; value: string }>(
      'SELECT scope, key, value FROM settings',
    );
    this.setStmt = db.prepare('INSERT OR REPLACE INTO settings (scope, key, value, hlc) VALUES (?, ?, ?, ?)');
    this.hlcStmt = db.prepare<[string, string], { hlc: string }>(
      'SELECT hlc FROM settings WHERE scope = ? AND key = ?',
    );
    this.maxHlcStmt = db.prepare<[], { hlc: string }>('SELECT hlc FROM settings');
  }

  scope(scope: string): Record<string, unknown> {
    return Object.fromEntries(
      this.scopeStmt.all(scope).flatMap((r) => (r.value === 'null' ? [] : [[r.key, JSON.parse(r.value)]])),
    );
  }

  /** Every deck scope's overrides, keyed by deck id ('' = global). */
  all(): Map<string, Record<string, unknown>> {
    const scopes = new Map<string, Record<string, unknown>>();
    for (const r of this.allStmt.all()) {
      if (r.value === 'null') continue;
      const layer = scopes.get(r.scope) ?? {};
      layer[r.key] = JSON.parse(r.value);
      scopes.set(r.scope, layer);
    }
    return scopes;
  }

  /** Stores a value, or (value null) a tombstone that hides the override but keeps its clock. */
  set(scope: string, key: string, value: unknown, hlc: string): void {
    this.setStmt.run(scope, key, JSON.stringify(value), hlc);
  }

  /** The clock of the last change to this setting ('' if never changed). */
  hlc(scope: string, key: string): string {
    return this.hlcStmt.get(scope, key)?.hlc ?? '';
  }

  /** Forgets every setting (before re-deriving them from the review log). */
  clear(): void {
    this.db.prepare('DELETE FROM settings').run();
  }

  /** The newest clock seen on any setting. */
  maxHlc(): string {
    // Compared as clocks, not text (a few rows: one per setting and scope).
    let max = '';
    for (const { hlc } of this.maxHlcStmt.all()) if (compareHlc(hlc, max) > 0) max = hlc;
    return max;
  }
}
