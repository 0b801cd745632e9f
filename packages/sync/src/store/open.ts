import { invalid } from './errors';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { OpenStoreOptions, SiltaStore } from './types';

/** The default store location of the embedded tier. */
export const DEFAULT_STORE_PATH = '.silta/silta.db';

/**
 * Opens a store: a `postgres://` or `postgresql://` URL opens PostgreSQL; anything else is an SQLite file
 * path (created with its directory; `:memory:` for a throwaway store). Migrations run on open.
 *
 * @example
 * const store = await openStore(process.env.SILTA_DB ?? '.silta/silta.db');
 * console.log(await store.countRecords({ system: 'freshdesk' }));
 * await store.close();
 */
export async function openStore(target: string = DEFAULT_STORE_PATH, options: OpenStoreOptions = {}): Promise<SiltaStore> {
  if (typeof target !== 'string' || target.trim() === '') invalid('target', 'must be an SQLite file path or a postgres:// URL');
  if (/^postgres(ql)?:\/\//i.test(target)) return openPostgresStore(target, options);
  return openSqliteStore(target, options);
}
