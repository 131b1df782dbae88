/**
 * The server's store: saved scenarios and cached runs in an embedded SQLite database
 * (better-sqlite3, WAL journal). The schema carries a version (PRAGMA user_version) and is brought
 * up to date by numbered migrations when the database opens, each in its own transaction, so a
 * database made by an older version is upgraded in place and a newer one is refused.
 *
 * Writes are single statements in autocommit (each is its own transaction) with synchronous=FULL:
 * a save that has returned survives the process being killed at any later point.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { contentHash, shortId } from './hash.js';

/** Each entry upgrades the schema from version i to i + 1. Append only; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     overrides TEXT NOT NULL,
     created TEXT NOT NULL
   );
   CREATE TABLE runs (
     hash TEXT PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     scenario TEXT NOT NULL,
     request TEXT NOT NULL,
     summary TEXT NOT NULL,
     created TEXT NOT NULL
   );`,
  // 2: backtests kept across restarts (keyed by the hash of settings, data, model and calibration).
  `CREATE TABLE backtests (
     hash TEXT PRIMARY KEY,
     request TEXT NOT NULL,
     result TEXT NOT NULL,
     created TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** `$XDG_DATA_HOME/asylum-sim/asylum-sim.sqlite`, else `~/.local/share/asylum-sim/asylum-sim.sqlite`. */
export function defaultDbPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return join(base, 'asylum-sim', 'asylum-sim.sqlite');
}

export interface SavedScenario {
  readonly id: string;
  readonly name: string;
  /** The scenario as the user wrote it (sparse overrides, possibly extending a built-in). */
  readonly overrides: Record<string, unknown>;
  readonly created: string;
}

export interface StoredRun {
  readonly id: string;
  readonly hash: string;
  readonly scenario: string;
  readonly request: Record<string, unknown>;
  /** The summary JSON text, exactly as the CLI's --json prints it. */
  readonly summary: string;
  readonly created: string;
}

export class Store {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const version = this.schemaVersion;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`${this.path} has schema version ${version}, newer than this asylum-sim (${SCHEMA_VERSION}); upgrade asylum-sim or use another --db`);
    }
    for (let v = version; v < SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** Save a scenario; the same content always gets the same id. */
  saveScenario(overrides: Record<string, unknown> & { name: string }): SavedScenario {
    const hash = contentHash(overrides);
    const existing = this.db.prepare('SELECT id, name, overrides, created FROM scenarios WHERE hash = ?').get(hash) as Row | undefined;
    if (existing) return toSaved(existing);
    // Lengthen the id on the (unlikely) clash of a 10-digit prefix with different content.
    let id = shortId(hash);
    for (let n = 12; this.db.prepare('SELECT 1 FROM scenarios WHERE id = ?').get(id); n += 2) id = hash.slice(0, n);
    const created = new Date().toISOString();
    this.db.prepare('INSERT INTO scenarios (id, hash, name, overrides, created) VALUES (?, ?, ?, ?, ?)').run(id, hash, overrides.name, JSON.stringify(overrides), created);
    return { id, name: overrides.name, overrides, created };
  }

  getScenario(id: string): SavedScenario | undefined {
    const row = this.db.prepare('SELECT id, name, overrides, created FROM scenarios WHERE id = ?').get(id) as Row | undefined;
    return row && toSaved(row);
  }

  /** A cached run by the hash of its request. */
  runByHash(hash: string): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE hash = ?').get(hash) as RunRow | undefined;
    return row && this.toRun(row);
  }

  runById(id: string): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && this.toRun(row);
  }

  putRun(hash: string, scenario: string, request: Record<string, unknown>, summary: string): StoredRun {
    const existing = this.runByHash(hash);
    if (existing) return existing;
    let id = shortId(hash);
    for (let n = 12; this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id); n += 2) id = hash.slice(0, n);
    const created = new Date().toISOString();
    this.db.prepare('INSERT INTO runs (hash, id, scenario, request, summary, created) VALUES (?, ?, ?, ?, ?, ?)').run(hash, id, scenario, JSON.stringify(request), summary, created);
    return { id, hash, scenario, request, summary, created };
  }

  /** A kept backtest's JSON text by the hash of its request. */
  backtestByHash(hash: string): string | undefined {
    const row = this.db.prepare('SELECT result FROM backtests WHERE hash = ?').get(hash) as { result: string } | undefined;
    return row?.result;
  }

  putBacktest(hash: string, request: Record<string, unknown>, result: string): void {
    this.db.prepare('INSERT OR IGNORE INTO backtests (hash, request, result, created) VALUES (?, ?, ?, ?)').run(hash, JSON.stringify(request), result, new Date().toISOString());
  }

  private toRun(row: RunRow): StoredRun {
    return { ...row, request: JSON.parse(row.request) as Record<string, unknown> };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface Row {
  id: string;
  name: string;
  overrides: string;
  created: string;
}
interface RunRow {
  id: string;
  hash: string;
  scenario: string;
  request: string;
  summary: string;
  created: string;
}

function toSaved(row: Row): SavedScenario {
  return { id: row.id, name: row.name, overrides: JSON.parse(row.overrides) as Record<string, unknown>, created: row.created };
}
