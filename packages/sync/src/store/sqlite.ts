/** The embedded default: one SQLite file (WAL) through better-sqlite3. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteBatchOps } from './batch-ops';
import { createStore } from './create-store';
import { createSqlIdentityStore } from './identity-store';
import { StoreError } from './errors';
import { createSqliteExecutor } from './executor';
import { watchCheckpoints } from './sqlite-checkpoints';
import { CHECKPOINT_BACKSTOP_PAGES, configureSqlite } from './sqlite-pragmas';
import { createSqliteWriter } from './sqlite-writer-client';
import { migrateToLatest } from './migrations';
import type { Database as Tables } from './schema';
import type { OpenStoreOptions, SiltaStore } from './types';

/**
 * Opens (creating file and directory when missing) an SQLite store. `:memory:` gives a private in-memory store.
 *
 * @example
 * const store = await openSqliteStore('.silta/silta.db');
 */
export async function openSqliteStore(path: string, options: OpenStoreOptions = {}): Promise<SiltaStore> {
  const memory = path === ':memory:';
  const synchronous = options.sqliteSynchronous ?? 'normal';
  const location = memory ? ':memory:' : resolve(path);
  let db: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(location), { recursive: true });
    db = new Database(location);
    // File stores: the checkpoint thread keeps the WAL short; this connection checkpoints only as a backstop.
    configureSqlite(db, { synchronous, busyTimeoutMs: 5000, ...(memory ? {} : { autocheckpointPages: CHECKPOINT_BACKSTOP_PAGES }) });
  } catch (err) {
    throw new StoreError('STORE_OPEN_FAILED', `cannot open SQLite store at ${location}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: db }) });
  try {
    if (options.migrate !== false) await migrateToLatest(kysely, 'sqlite');
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  const ex = createSqliteExecutor(db);
  const volatilePaths = [...(options.volatilePaths ?? [])];
  // The writer thread waits longer for the lock than this thread may: its waiting blocks no event loop.
  const writer = memory || options.sqliteWriter === 'inline'
    ? undefined
    : createSqliteWriter({ file: location, synchronous, busyTimeoutMs: 30_000, volatilePaths });
  const unwatch = memory ? undefined : watchCheckpoints(location);
  const shutdown = async () => {
    await writer?.close();
    unwatch?.();
    await kysely.destroy();
  };
  return createStore({ kind: 'sqlite', db: kysely, ex, ops: sqliteBatchOps(kysely), volatilePaths, ...(writer ? { writer } : {}) }, location, shutdown, {
    identity: createSqlIdentityStore(kysely, ex),
  });
}
