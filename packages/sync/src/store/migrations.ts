/**
 * The store's schema, written once with kysely's schema builder and run by kysely's `Migrator` on both
 * backends. Migrations are append-only: never edit a released one, add the next.
 */
import { Migrator, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { StoreError } from './errors';
import type { Database } from './schema';
import type { StoreKind } from './types';

/** The one place the backends differ in DDL: an auto-increment integer primary key. */
function idColumn(kind: StoreKind) {
  return {
    type: kind === 'postgres' ? ('bigserial' as const) : ('integer' as const),
    build: (c: ColumnDefinitionBuilder) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}

function coreMigration(kind: StoreKind): Migration {
  const id = idColumn(kind);
  const big = kind === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('silta_records')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('connection', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('stream_key', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('party_key', 'text')
        .addColumn('case_key', 'text')
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .addColumn('last_seq', big)
        .execute();
      await db.schema.createIndex('silta_records_system_entity').on('silta_records').columns(['system', 'entity']).execute();
      // Partial indexes: most records have no case, and every index costs each insert of a backfill.
      await db.schema.createIndex('silta_records_party').on('silta_records').columns(['party_key', 'updated_at']).where('party_key', 'is not', null).execute();
      await db.schema.createIndex('silta_records_case').on('silta_records').column('case_key').where('case_key', 'is not', null).execute();
      await db.schema.createIndex('silta_records_stream').on('silta_records').column('stream_key').execute();

      await db.schema.createTable('silta_changes')
        .addColumn('seq', id.type, id.build)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('stream_key', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('silta_checkpoints')
        .addColumn('stream_key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('silta_offsets')
        .addColumn('consumer', 'text', (c) => c.primaryKey())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('silta_runs')
        .addColumn('id', id.type, id.build)
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('connection', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('silta_runs_stream').on('silta_runs').columns(['stream', 'id']).execute();

      await db.schema.createTable('silta_inbox')
        .addColumn('id', id.type, id.build)
        .addColumn('connector', 'text', (c) => c.notNull())
        .addColumn('webhook', 'text', (c) => c.notNull())
        .addColumn('connection', 'text', (c) => c.notNull())
        .addColumn('headers', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('leased_until', 'text')
        .addColumn('error', 'text')
        .addColumn('processed_at', 'text')
        .execute();
      await db.schema.createIndex('silta_inbox_status').on('silta_inbox').columns(['status', 'id']).execute();

      await db.schema.createTable('silta_outbox')
        .addColumn('id', id.type, id.build)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('connection', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('source_key', 'text')
        .addColumn('version', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('leased_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('output', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('silta_outbox_due').on('silta_outbox').columns(['status', 'next_attempt_at']).execute();

      await db.schema.createTable('silta_dlq')
        .addColumn('id', id.type, id.build)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('replays', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('silta_dlq_status').on('silta_dlq').columns(['status', 'kind', 'id']).execute();
    },
  };
}

function identityMigration(kind: StoreKind): Migration {
  const id = idColumn(kind);
  const big = kind === 'postgres' ? 'bigint' : 'integer';
  const real = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('silta_id_records')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('identifiers', 'text', (c) => c.notNull())
        .addColumn('blocking_keys', 'text', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('silta_id_records_person').on('silta_id_records').column('person_id').execute();
      await db.schema.createTable('silta_id_identifiers')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('silta_id_identifiers_pk', ['kind', 'value', 'record_key'])
        .execute();
      await db.schema.createIndex('silta_id_identifiers_record').on('silta_id_identifiers').column('record_key').execute();
      await db.schema.createTable('silta_id_blocks')
        .addColumn('block', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('written', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('silta_id_blocks_pk', ['block', 'record_key'])
        .execute();
      await db.schema.createIndex('silta_id_blocks_recent').on('silta_id_blocks').columns(['block', 'written']).execute();
      await db.schema.createIndex('silta_id_blocks_record').on('silta_id_blocks').column('record_key').execute();
      await db.schema.createTable('silta_id_persons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('silta_id_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('a', 'text', (c) => c.notNull())
        .addColumn('b', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('silta_id_rules_a').on('silta_id_rules').column('a').execute();
      await db.schema.createIndex('silta_id_rules_b').on('silta_id_rules').column('b').execute();
      await db.schema.createTable('silta_id_tombstones')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('silta_id_events')
        .addColumn('seq', id.type, id.build)
        .addColumn('event', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('silta_id_reviews')
        .addColumn('pair', 'text', (c) => c.primaryKey())
        .addColumn('a', 'text', (c) => c.notNull())
        .addColumn('b', 'text', (c) => c.notNull())
        .addColumn('probability', real, (c) => c.notNull())
        .addColumn('weight', real, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('silta_id_reviews_a').on('silta_id_reviews').column('a').execute();
      await db.schema.createIndex('silta_id_reviews_b').on('silta_id_reviews').column('b').execute();
      await db.schema.createIndex('silta_id_reviews_probability').on('silta_id_reviews').column('probability').execute();
      await db.schema.createTable('silta_id_meta')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** Extra migrations registered by other modules (the identity tables), keyed by name; names sort in order. */
const extraMigrations: Array<(kind: StoreKind) => Record<string, Migration>> = [];

/** Lets a store module add its own tables; called at module load. */
export function registerMigrations(factory: (kind: StoreKind) => Record<string, Migration>): void {
  extraMigrations.push(factory);
}

/** Every migration for a backend, by name. */
export function storeMigrations(kind: StoreKind): Record<string, Migration> {
  const all: Record<string, Migration> = { '0001_core': coreMigration(kind), '0002_identity': identityMigration(kind) };
  for (const factory of extraMigrations) Object.assign(all, factory(kind));
  return all;
}

/**
 * Brings the schema up to date; a no-op when it is. Throws `STORE_MIGRATION_FAILED` naming the migration.
 *
 * @example
 * await migrateToLatest(kysely, 'sqlite');
 */
export async function migrateToLatest(db: Kysely<Database>, kind: StoreKind, schema?: string): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => storeMigrations(kind) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'silta_migrations',
    migrationLockTableName: 'silta_migrations_lock',
    // Without it kysely's table lookup on PostgreSQL can see another schema's migration tables.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // kysely looks for its own tables by listing every table of the database, joined with their columns. DDL
  // in another schema at that moment (a schema dropped, a table altered) fails that scan — "schema … does
  // not exist", "column … does not exist" — though nothing of ours was touched. Such a failure comes before
  // any migration ran (no results), so trying again is safe; a real fault fails every attempt.
  for (let attempt = 1; attempt <= 5 && error && !results?.length; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError('STORE_MIGRATION_FAILED', `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
