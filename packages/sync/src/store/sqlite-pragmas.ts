/** Connection settings every SQLite connection of a store gets (the store's own and its writer thread's). */
import type Database from 'better-sqlite3';

/** How a connection is set up. */
export interface SqliteConnectionOptions {
  synchronous: 'normal' | 'full';
  /** How long a write waits for another connection's transaction before failing with SQLITE_BUSY. */
  busyTimeoutMs: number;
  /** WAL pages after which a commit checkpoints on this connection (SQLite's default: 1000). */
  autocheckpointPages?: number;
}

/**
 * Applies the store's pragmas. Records are 1–4 KB of JSON: on 4 KB pages most take a page of their own and
 * every commit writes the waste. 16 KB pages hold several records each; inserting 1.5 KB rows cost about 12
 * instead of 20 µs of CPU per row in our measurements. Only a new, empty file takes the size; existing ones
 * keep theirs. WAL + NORMAL survives a killed process (the crash test); FULL also survives power loss, at a cost.
 */
export function configureSqlite(db: Database.Database, options: SqliteConnectionOptions): void {
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  if (options.autocheckpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${options.autocheckpointPages}`);
}

/**
 * WAL pages after which a file store's own connections checkpoint anyway (16 KB pages: 160 MB), for when
 * the checkpoint thread (`sqlite-checkpoints.ts`) falls behind or is gone.
 */
export const CHECKPOINT_BACKSTOP_PAGES = 10_000;
