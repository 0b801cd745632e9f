/** The scale-out backend: PostgreSQL through a pg Pool. */
import { Kysely, PostgresDialect } from 'kysely';
import type PgModule from 'pg';
import { postgresBatchOps } from './batch-ops';
import { createStore } from './create-store';
import { createSqlIdentityStore } from './identity-store';
import { invalid, redactSecrets, StoreError } from './errors';
import { createPostgresExecutor } from './executor';
import { migrateToLatest } from './migrations';
import type { Database as Tables } from './schema';
import type { OpenStoreOptions, SiltaStore } from './types';

/**
 * Opens a PostgreSQL store; creates `options.schema` when given and missing, then migrates.
 *
 * @example
 * const store = await openPostgresStore('postgres://silta@db.internal/silta', { schema: 'silta' });
 */
export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<SiltaStore> {
  const location = redactSecrets(url);
  const schema = options.schema;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    invalid('schema', `must be a plain identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
  }
  // Loaded on demand: an SQLite-only deployment never loads the PostgreSQL driver.
  let pg: typeof PgModule;
  try {
    ({ default: pg } = await import('pg'));
  } catch (err) {
    throw new StoreError('STORE_OPEN_FAILED', `cannot open PostgreSQL store at ${location}: the pg driver did not load (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor may a checked-out one between its queries (pg emits 'error' on a client whose server ends the
  // session while no query runs, and checked-out clients have no pool listener): the failure still
  // surfaces as the next query's rejection, and the pool drops the client when it comes back unusable.
  pool.on('connect', (client) => { client.on('error', () => {}); });
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    const client = await pool.connect();
    let current: string;
    try {
      if (schema) await client.query(`create schema if not exists "${schema}"`);
      // The migrator must be told its schema: it otherwise finds its tables in any schema of the database.
      current = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public';
    } finally {
      client.release();
    }
    if (options.migrate !== false) await migrateToLatest(kysely, 'postgres', current);
  } catch (err) {
    await kysely.destroy().catch(() => {});
    if (err instanceof StoreError) throw err;
    throw new StoreError('STORE_OPEN_FAILED', `cannot open PostgreSQL store at ${location}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const ex = createPostgresExecutor(pool);
  return createStore({ kind: 'postgres', db: kysely, ex, ops: postgresBatchOps(kysely), volatilePaths: options.volatilePaths ?? [] }, location, () => kysely.destroy(), {
    identity: createSqlIdentityStore(kysely, ex),
  });
}
