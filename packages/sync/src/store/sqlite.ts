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
  const location = memory ? ':memory:' : resolve(path);
  let db: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(location), { recursive: true });
    db = new Database(location);
    // Records are 1–4 KB of JSON: on 4 KB pages most take a page of their own and every commit writes the
    // waste. 16 KB pages hold several records each; inserting 1.5 KB rows cost about 12 instead of 20 µs of
    // CPU per row in our measurements. Only a new, empty file takes the size; existing ones keep theirs.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a killed process (the crash test); FULL also survives power loss, at a cost.
    db.pragma(`synchronous = ${options.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
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
  return createStore({ kind: 'sqlite', db: kysely, ex, ops: sqliteBatchOps(kysely), volatilePaths: options.volatilePaths ?? [] }, location, () => kysely.destroy(), {
    identity: createSqlIdentityStore(kysely, ex),
  });
}
