/**
 * The hot path of `upsertBatch`. Records and change events are written with multi-row statements built by
 * kysely once per row count and run as prepared statements (better-sqlite3 statements; named statements on
 * PostgreSQL, where plain parameters also spare pg the cost of escaping large text arrays). Only what truly
 * differs is written per backend: the feed lock, the key lookup (`IN` list vs `= any(array)`) and the
 * update of superseded events.
 */
import { sql, type Kysely } from 'kysely';
import { all, allFlat, allT, flatTemplate, normalize, param, run, template, type Step, type Template } from './executor';
import type { AfterBackfill, ExistingRow, PlannedEvent } from './plan';
import type { Database, RecordsTable } from './schema';
import type { RecordSource } from './types';

const RECORD_COLUMNS = [
  'key', 'system', 'connection', 'type', 'source_id', 'entity', 'payload', 'hash', 'updated_at', 'stream_key',
  'source', 'deleted', 'party_key', 'case_key', 'first_seen_at', 'stored_at', 'last_seq',
] as const satisfies readonly (keyof RecordsTable)[];

const CHANGE_COLUMNS = ['kind', 'key', 'entity', 'source', 'stream_key', 'before', 'after', 'recorded_at'] as const;

const LIGHT_COLUMNS = ['key', 'entity', 'hash', 'updated_at', 'deleted', 'stream_key', 'first_seen_at', 'stored_at', 'last_seq'] as const;

/** Backend-specific batch statements, as steps of a transaction body. */
export interface BatchOps {
  /** Serialises writers of the change feed so sequence numbers commit in order. */
  lockFeed(): Step<void>;
  /** The stored rows of these keys, without payloads. */
  readExisting(keys: readonly string[]): Step<ExistingRow[]>;
  readPayloads(keys: readonly string[]): Step<Map<string, string>>;
  writeRecords(rows: readonly RecordsTable[]): Step<void>;
  markDeleted(keys: readonly string[], source: RecordSource, now: string): Step<void>;
  /** Appends events in order and returns their sequence numbers in the same order. */
  appendChanges(events: readonly PlannedEvent[]): Step<number[]>;
  /** Writes `after` of earlier events that this batch superseded (never of `deleted` events). */
  backfillAfter(items: readonly AfterBackfill[]): Step<void>;
}

const updateAll = Object.fromEntries(
  RECORD_COLUMNS.filter((c) => c !== 'key').map((c) => [c, sql.ref(`excluded.${c}`)]),
) as never;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function flat<C extends string>(cols: readonly C[], rows: readonly Record<C, unknown>[]): unknown[] {
  const out: unknown[] = new Array(rows.length * cols.length);
  let j = 0;
  for (const r of rows) for (const c of cols) out[j++] = normalize(r[c]);
  return out;
}

/**
 * The writers both backends share. `chunk` rows per statement: SQLite allows 32,766 parameters, PostgreSQL
 * 65,535; 17 columns × 1,000 rows fits both, but smaller SQLite statements prepare faster.
 */
function sharedOps(db: Kysely<Database>, chunk: number) {
  const cache = new Map<string, Template<never>>();
  /** A statement for `n` rows, compiled on first use. */
  function cached(kind: string, n: number, build: (n: number) => Template<never>): Template<never> {
    const id = `${kind}:${n}`;
    let t = cache.get(id);
    if (!t) { t = build(n); cache.set(id, t); }
    return t;
  }
  const names = (cols: readonly string[], n: number) => Array.from({ length: n }, (_, i) => cols.map((c) => `${i}.${c}`)).flat();
  const rowsOf = (cols: readonly string[], n: number) =>
    Array.from({ length: n }, (_, i) => Object.fromEntries(cols.map((c) => [c, param(`${i}.${c}`)]))) as never;

  const upsert = (n: number) => flatTemplate(
    db.insertInto('silta_records').values(rowsOf(RECORD_COLUMNS, n)).onConflict((oc) => oc.column('key').doUpdateSet(updateAll)),
    names(RECORD_COLUMNS, n),
  );
  const append = (n: number) => flatTemplate(
    db.insertInto('silta_changes').values(rowsOf(CHANGE_COLUMNS, n)).returning('seq'),
    names(CHANGE_COLUMNS, n),
  );

  return {
    cached,
    *writeRecords(rows: readonly RecordsTable[]): Step<void> {
      for (const part of chunks(rows, chunk)) yield* allFlat(cached('upsert', part.length, upsert), flat(RECORD_COLUMNS, part));
    },
    *appendChanges(events: readonly PlannedEvent[]): Step<number[]> {
      const seqs: number[] = [];
      for (const part of chunks(events, chunk)) {
        const rows = yield* allFlat<{ seq: number | string }>(cached('append', part.length, append), flat(CHANGE_COLUMNS, part as unknown as Record<string, unknown>[]));
        // Sequence values are drawn in VALUES order; sorting restores that order whatever RETURNING's.
        seqs.push(...rows.map((r) => Number(r.seq)).sort((a, b) => a - b));
      }
      return seqs;
    },
    *markDeleted(keys: readonly string[], source: RecordSource, now: string): Step<void> {
      for (const part of chunks(keys, 5_000)) {
        yield* run(db.updateTable('silta_records').set({ deleted: 1, source, stored_at: now }).where('key', 'in', part));
      }
    },
  };
}

/**
 * SQLite: key lookups as `IN` lists, one prepared update per superseded event.
 *
 * @example
 * const ops = sqliteBatchOps(kysely);
 */
export function sqliteBatchOps(db: Kysely<Database>): BatchOps {
  const shared = sharedOps(db, 500);
  const keyNames = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);
  const selectLight = (n: number) => flatTemplate(
    db.selectFrom('silta_records').select([...LIGHT_COLUMNS]).where('key', 'in', keyNames(n).map((k) => param(k))),
    keyNames(n),
  );
  const selectPayload = (n: number) => flatTemplate(
    db.selectFrom('silta_records').select(['key', 'payload']).where('key', 'in', keyNames(n).map((k) => param(k))),
    keyNames(n),
  );
  const backfill: Template<'seq' | 'after'> = template(
    db.updateTable('silta_changes').set({ after: param('after') }).where('seq', '=', param<never>('seq')).where('kind', '!=', 'deleted'),
    ['seq', 'after'],
  );
  return {
    *lockFeed() { /* BEGIN IMMEDIATE already holds SQLite's single write lock */ },
    *readExisting(keys) {
      const out: ExistingRow[] = [];
      for (const part of chunks([...new Set(keys)], 500)) out.push(...yield* allFlat<ExistingRow>(shared.cached('light', part.length, selectLight), part));
      return out;
    },
    *readPayloads(keys) {
      const out = new Map<string, string>();
      for (const part of chunks([...new Set(keys)], 500)) {
        for (const r of yield* allFlat<{ key: string; payload: string }>(shared.cached('payload', part.length, selectPayload), part)) out.set(r.key, r.payload);
      }
      return out;
    },
    writeRecords: shared.writeRecords,
    markDeleted: shared.markDeleted,
    appendChanges: shared.appendChanges,
    *backfillAfter(items) {
      for (const item of items) yield* allT(backfill, item);
    },
  };
}

/** An arbitrary constant naming the store's change-feed lock among advisory locks. */
const FEED_LOCK = 0x5117a;

/**
 * PostgreSQL: key lookups with `= any($1)`, superseded events updated in one statement.
 *
 * @example
 * const ops = postgresBatchOps(kysely);
 */
export function postgresBatchOps(db: Kysely<Database>): BatchOps {
  const shared = sharedOps(db, 1_000);
  // Advisory locks are per database; the schema's name keeps stores in different schemas from blocking each other.
  // A literal, not a parameter: a statement without parameters can share one message with BEGIN (executor.ts).
  const lock = sql`select pg_advisory_xact_lock(${sql.lit(FEED_LOCK)}, hashtext(current_schema()))`.compile(db);
  const anyKey = sql<boolean>`key = any(${param('keys')}::text[])`;
  const selectLight: Template<'keys'> = template(db.selectFrom('silta_records').select([...LIGHT_COLUMNS]).where(anyKey), ['keys']);
  const selectPayload: Template<'keys'> = template(db.selectFrom('silta_records').select(['key', 'payload']).where(anyKey), ['keys']);
  // kysely cannot express UPDATE … FROM unnest(…) AS u(…); the one raw statement, with its identifiers quoted by kysely.
  const changes = sql.table('silta_changes');
  const backfillSql = sql`update ${changes} set after = u.after from unnest(${param('seqs')}::int8[], ${param('afters')}::text[]) as u(seq, after) where ${changes}.seq = u.seq and ${changes}.kind <> 'deleted'`;
  const backfill: Template<'seqs' | 'afters'> = template({ compile: () => backfillSql.compile(db) }, ['seqs', 'afters']);
  return {
    *lockFeed() { yield* all(lock); },
    *readExisting(keys) {
      if (keys.length === 0) return [];
      const rows = yield* allT<ExistingRow, 'keys'>(selectLight, { keys: [...new Set(keys)] });
      return rows.map((r) => ({ ...r, deleted: Number(r.deleted) }));
    },
    *readPayloads(keys) {
      if (keys.length === 0) return new Map<string, string>();
      const rows = yield* allT<{ key: string; payload: string }, 'keys'>(selectPayload, { keys: [...new Set(keys)] });
      return new Map(rows.map((r) => [r.key, r.payload]));
    },
    writeRecords: shared.writeRecords,
    markDeleted: shared.markDeleted,
    appendChanges: shared.appendChanges,
    *backfillAfter(items) {
      if (items.length > 0) yield* allT(backfill, { seqs: items.map((i) => i.seq), afters: items.map((i) => i.after) });
    },
  };
}
