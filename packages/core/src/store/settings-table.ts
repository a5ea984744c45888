import type { Db } from './database.js';

/** Setting overrides; scope '' is global, otherwise a deck id. Values are stored as JSON. */
export class SettingsTable {
  private readonly scopeStmt;
  private readonly allStmt;
  private readonly setStmt;
  private readonly unsetStmt;

  constructor(db: Db) {
    this.scopeStmt = db.prepare<[string], { key: string; value: string }>(
      'SELECT key, value FROM settings WHERE scope = ?',
    );
    this.allStmt = db.prepare<[], { scope: string; key: string; value: string }>(
      'SELECT scope, key, value FROM settings',
    );
    this.setStmt = db.prepare('INSERT OR REPLACE INTO settings (scope, key, value) VALUES (?, ?, ?)');
    this.unsetStmt = db.prepare('DELETE FROM settings WHERE scope = ? AND key = ?');
  }

  scope(scope: string): Record<string, unknown> {
    return Object.fromEntries(this.scopeStmt.all(scope).map((r) => [r.key, JSON.parse(r.value)]));
  }

  /** Every deck scope's overrides, keyed by deck id ('' = global). */
  all(): Map<string, Record<string, unknown>> {
    const scopes = new Map<string, Record<string, unknown>>();
    for (const r of this.allStmt.all()) {
      const layer = scopes.get(r.scope) ?? {};
      layer[r.key] = JSON.parse(r.value);
      scopes.set(r.scope, layer);
    }
    return scopes;
  }

  set(scope: string, key: string, value: unknown): void {
    this.setStmt.run(scope, key, JSON.stringify(value));
  }

  unset(scope: string, key: string): boolean {
    return this.unsetStmt.run(scope, key).changes > 0;
  }
}
