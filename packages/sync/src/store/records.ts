/** Records, checkpoints and the change feed, written once for both backends. */
import type { CanonicalRecord, Entity, SourceRef } from '@silta/model';
import type { StoreContext } from './context';
import { invalid } from './errors';
import { toJson } from './hash';
import { deletedEvent, prepareDeletedKeys, prepareRecord, type PreparedBatch, type PreparedRecord } from './plan';
import { committedEvents, upsertTx, type CommittedEvent } from './upsert-tx';
import { keyOf, limitOf, nowIso, num, toChangeEvent, toIso, toStoredRecord } from './rows';
import type { Selectable } from 'kysely';
import { all, run, type Step } from './executor';
import type { ChangesTable } from './schema';
import type {
  ChangeEvent, CheckpointState, MarkMissingOptions, PreparedUpsert, PartyRecordsOptions, ReadChangesOptions, RecordCountFilter,
  RecordFilter, StoredRecord, UpsertBatchInput, UpsertBatchResult,
} from './types';

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) invalid(field, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** The prepared batch behind the opaque `PreparedUpsert`, and the caller's records to return in events. */
interface InternalPrepared {
  batch: PreparedBatch;
  objects: readonly CanonicalRecord[];
}

/**
 * Records prepared between two turns of the event loop in `prepareUpsert` (a few milliseconds of work), on
 * PostgreSQL, where a batch in flight is a series of round trips. SQLite's writer thread takes a whole batch
 * in one message, so there a batch is prepared in one go (slicing measured no gain there).
 */
const PREPARE_SLICE = 64;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Batches this process prepared: only those are accepted as prepared (anything else is prepared anew). */
const PREPARED = new WeakSet<object>();

/** Builds the record and change-feed half of a store. */
export function recordsApi(ctx: StoreContext) {
  const { db, ex, ops } = ctx;

  const xAll = <R>(q: Parameters<typeof all<R>>[0]) => ex.exec(all<R>(q));
  const xRun = (q: Parameters<typeof run>[0]) => ex.exec(run(q));

  /** Committed events as callers see them; `after` is the caller's own record object (none for deletes). */
  function toEvents(committed: readonly CommittedEvent[], objects: readonly CanonicalRecord[] = []): ChangeEvent[] {
    return committed.map((e) => ({
      seq: e.seq, kind: e.kind, ref: refOfKey(e.key), key: e.key, entity: e.entity,
      before: e.before ? (JSON.parse(e.before) as CanonicalRecord) : null,
      after: e.recordIndex === null ? null : objects[e.recordIndex]!,
      source: e.source, streamKey: e.stream_key, recordedAt: e.recorded_at,
    }));
  }

  function checkHeader(input: UpsertBatchInput): void {
    requireText(input?.streamKey, 'streamKey');
    if (input.source !== 'poll' && input.source !== 'webhook') invalid('source', `must be "poll" or "webhook", got ${JSON.stringify(input.source)}`);
    if (!Array.isArray(input.records)) invalid('records', 'must be an array of canonical records');
  }

  function finish(input: UpsertBatchInput, records: PreparedRecord[]): PreparedUpsert {
    const batch: PreparedBatch = {
      streamKey: input.streamKey, source: input.source, records, deletedKeys: prepareDeletedKeys(input.deletedIds),
      checkpoint: input.checkpoint === undefined ? undefined : toJson(input.checkpoint),
      complete: input.complete === true,
    };
    const prepared = { batch, objects: input.records };
    PREPARED.add(prepared);
    return prepared as unknown as PreparedUpsert;
  }

  function prepare(input: UpsertBatchInput): PreparedUpsert {
    checkHeader(input);
    return finish(input, input.records.map((record, i) => prepareRecord(record, i, ctx.volatilePaths)));
  }

  /**
   * On PostgreSQL, prepares in slices and lets the event loop run between them: a batch being written meanwhile
   * (the engine prepares the next batch while the last one is written) gets each statement's answer at once
   * instead of after the whole batch is serialised, so the server works while this thread does.
   */
  async function prepareUpsert(input: UpsertBatchInput): Promise<PreparedUpsert> {
    if (ctx.kind !== 'postgres') return prepare(input);
    checkHeader(input);
    const list = input.records;
    const records: PreparedRecord[] = new Array(list.length);
    for (let start = 0; start < list.length; start += PREPARE_SLICE) {
      if (start > 0) await yieldToEventLoop();
      const end = Math.min(start + PREPARE_SLICE, list.length);
      for (let i = start; i < end; i++) records[i] = prepareRecord(list[i]!, i, ctx.volatilePaths);
    }
    return finish(input, records);
  }

  async function upsertBatch(input: UpsertBatchInput | PreparedUpsert): Promise<UpsertBatchResult> {
    // Validation, JSON and hashing happen before the transaction opens, so the write lock is held briefly.
    const { batch, objects } = (PREPARED.has(input as object) ? input : prepare(input as UpsertBatchInput)) as unknown as InternalPrepared;
    const writer = ctx.writer;
    const outcome = writer && !ex.inTransaction()
      ? await writer.upsert(batch)
      : await ex.tx(() => upsertTx(ctx, batch));
    const { created, updated, deleted, unchanged, skippedStale } = outcome;
    return { created, updated, deleted, unchanged, skippedStale, events: toEvents(outcome.events, objects) };
  }

  async function markMissingDeleted(streamKey: string, seenRefs: Iterable<SourceRef | string>, options: MarkMissingOptions = {}): Promise<ChangeEvent[]> {
    requireText(streamKey, 'streamKey');
    const seen = new Set<string>();
    for (const ref of seenRefs) seen.add(keyOf(ref, 'seenRefs[]'));
    const storedBefore = options.storedBefore === undefined ? undefined : toIso(options.storedBefore, 'storedBefore');
    const source = options.source ?? 'poll';
    return ex.tx(function* markMissingTx(): Step<ChangeEvent[]> {
      yield* ops.lockFeed();
      // Keys only: a stream can hold far more records than are missing, and only those need their payload.
      const live = yield* all(db.selectFrom('silta_records').select(['key', 'entity'])
        .where('stream_key', '=', streamKey).where('deleted', '=', 0)
        .$if(storedBefore !== undefined, (q) => q.where('stored_at', '<', storedBefore!)));
      const now = nowIso();
      const missing = live.filter((r) => !seen.has(r.key));
      if (missing.length === 0) return [];
      const payloads = yield* ops.readPayloads(missing.map((r) => r.key));
      yield* ops.markDeleted(missing.map((r) => r.key), source, now);
      const planned = missing.map((r) => deletedEvent(r.key, r.entity as Entity, payloads.get(r.key)!, source, streamKey, now));
      return toEvents(committedEvents(planned, yield* ops.appendChanges(planned)));
    });
  }

  async function getRecord(ref: SourceRef | string): Promise<StoredRecord | undefined> {
    const [row] = await xAll(db.selectFrom('silta_records').selectAll().where('key', '=', keyOf(ref)));
    return row ? toStoredRecord(row) : undefined;
  }

  async function listRecords(filter: RecordFilter = {}): Promise<StoredRecord[]> {
    const limit = limitOf(filter.limit, 100, 10_000);
    const offset = limitOf(filter.offset, 0, Number.MAX_SAFE_INTEGER, 'offset');
    const refs = filter.refs?.map((r, i) => keyOf(r, `refs[${i}]`));
    if (refs && refs.length === 0) return [];
    const after = filter.updatedAfter === undefined ? undefined : toIso(filter.updatedAfter, 'updatedAfter');
    const caseKey = filter.caseRef === undefined ? undefined : keyOf(filter.caseRef, 'caseRef');
    let q = db.selectFrom('silta_records').selectAll()
      .$if(filter.system !== undefined, (b) => b.where('system', '=', filter.system!))
      .$if(filter.connection !== undefined, (b) => b.where('connection', '=', filter.connection!))
      .$if(filter.type !== undefined, (b) => b.where('type', '=', filter.type!))
      .$if(filter.entity !== undefined, (b) => b.where('entity', '=', filter.entity!))
      .$if(filter.streamKey !== undefined, (b) => b.where('stream_key', '=', filter.streamKey!))
      .$if(refs !== undefined, (b) => b.where('key', 'in', refs!))
      .$if(after !== undefined, (b) => b.where('updated_at', '>', after!))
      .$if(caseKey !== undefined, (b) => b.where('case_key', '=', caseKey!))
      .$if(!filter.includeDeleted, (b) => b.where('deleted', '=', 0));
    const order = filter.order ?? 'updated_desc';
    if (order === 'key') q = q.orderBy('key');
    else q = q.orderBy('updated_at', order === 'updated_desc' ? 'desc' : 'asc').orderBy('key');
    const rows = await xAll(q.limit(limit).offset(offset));
    return rows.map(toStoredRecord);
  }

  async function countRecords(filter: RecordCountFilter = {}): Promise<number> {
    const [row] = await xAll(db.selectFrom('silta_records').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .$if(filter.system !== undefined, (b) => b.where('system', '=', filter.system!))
      .$if(filter.connection !== undefined, (b) => b.where('connection', '=', filter.connection!))
      .$if(filter.type !== undefined, (b) => b.where('type', '=', filter.type!))
      .$if(filter.entity !== undefined, (b) => b.where('entity', '=', filter.entity!))
      .$if(!filter.includeDeleted, (b) => b.where('deleted', '=', 0)));
    return num(row?.n);
  }

  async function listRecordsByParty(partyRefs: readonly (SourceRef | string)[], options: PartyRecordsOptions = {}): Promise<StoredRecord[]> {
    if (!Array.isArray(partyRefs)) invalid('partyRefs', 'must be an array of SourceRefs');
    const keys = partyRefs.map((r, i) => keyOf(r, `partyRefs[${i}]`));
    if (keys.length === 0) return [];
    const limit = limitOf(options.limit, 200, 10_000);
    const since = options.since === undefined ? undefined : toIso(options.since, 'since');
    const entities = options.entities ? [...options.entities] : undefined;
    if (entities && entities.length === 0) return [];
    const rows = await xAll(db.selectFrom('silta_records').selectAll()
      .where('party_key', 'in', keys)
      .$if(entities !== undefined, (b) => b.where('entity', 'in', entities!))
      .$if(since !== undefined, (b) => b.where('updated_at', '>=', since!))
      .$if(!options.includeDeleted, (b) => b.where('deleted', '=', 0))
      .orderBy('updated_at', 'desc').orderBy('key').limit(limit));
    return rows.map(toStoredRecord);
  }

  // ---------------------------------------------------------------------------------------- checkpoints

  async function getCheckpointState(streamKey: string): Promise<CheckpointState | undefined> {
    const [row] = await xAll(db.selectFrom('silta_checkpoints').selectAll().where('stream_key', '=', requireText(streamKey, 'streamKey')));
    return row ? { streamKey: row.stream_key, value: JSON.parse(row.value), complete: num(row.complete) === 1, updatedAt: row.updated_at } : undefined;
  }

  async function getCheckpoint(streamKey: string): Promise<unknown | undefined> {
    return (await getCheckpointState(streamKey))?.value;
  }

  async function listCheckpoints(): Promise<CheckpointState[]> {
    const rows = await xAll(db.selectFrom('silta_checkpoints').selectAll().orderBy('stream_key'));
    return rows.map((row) => ({ streamKey: row.stream_key, value: JSON.parse(row.value), complete: num(row.complete) === 1, updatedAt: row.updated_at }));
  }

  async function resetCheckpoint(streamKey: string): Promise<void> {
    await xRun(db.deleteFrom('silta_checkpoints').where('stream_key', '=', requireText(streamKey, 'streamKey')));
  }

  // ---------------------------------------------------------------------------------------- change feed

  async function readChanges(options: ReadChangesOptions): Promise<ChangeEvent[]> {
    const afterSeq = options?.afterSeq;
    if (!Number.isInteger(afterSeq) || afterSeq < 0) invalid('afterSeq', `must be a non-negative integer, got ${String(afterSeq)}`);
    const limit = limitOf(options.limit, 500, 10_000);
    // One statement, so the event and the record it falls back on are read from the same snapshot.
    const rows = await xAll(db.selectFrom('silta_changes as c').leftJoin('silta_records as r', 'r.key', 'c.key')
      .select(['c.seq', 'c.kind', 'c.key', 'c.entity', 'c.source', 'c.stream_key', 'c.before', 'c.recorded_at'])
      .select((eb) => eb.fn.coalesce('c.after', eb.case().when('c.kind', '!=', 'deleted').then(eb.ref('r.payload')).end()).as('after'))
      .where('c.seq', '>', afterSeq as never).orderBy('c.seq').limit(limit));
    return rows.map((row) => toChangeEvent(row as Selectable<ChangesTable>));
  }

  async function latestSeq(): Promise<number> {
    const [row] = await xAll(db.selectFrom('silta_changes').select((eb) => eb.fn.max('seq').as('seq')));
    return num(row?.seq as number | string | null | undefined);
  }

  async function getOffset(consumer: string): Promise<number> {
    const [row] = await xAll(db.selectFrom('silta_offsets').select('seq').where('consumer', '=', requireText(consumer, 'consumer')));
    return num(row?.seq);
  }

  async function setOffset(consumer: string, seq: number): Promise<void> {
    requireText(consumer, 'consumer');
    if (!Number.isInteger(seq) || seq < 0) invalid('seq', `must be a non-negative integer, got ${String(seq)}`);
    const now = nowIso();
    await xRun(db.insertInto('silta_offsets').values({ consumer, seq, updated_at: now })
      .onConflict((oc) => oc.column('consumer').doUpdateSet({ seq, updated_at: now })));
  }

  return {
    prepareUpsert, upsertBatch, markMissingDeleted, getRecord, listRecords, countRecords, listRecordsByParty,
    getCheckpoint, getCheckpointState, listCheckpoints, resetCheckpoint,
    readChanges, latestSeq, getOffset, setOffset,
  };
}

function refOfKey(key: string): SourceRef {
  const [system, connection, type, ...rest] = key.split(':') as [string, string, string, ...string[]];
  return { system, connection, type, id: rest.join(':') };
}

