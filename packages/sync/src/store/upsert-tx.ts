/**
 * The transaction of `upsertBatch`, written once for every place it runs: inline on the store's connection
 * (PostgreSQL, in-memory SQLite) and on the SQLite writer thread (`sqlite-writer.ts`). It takes a prepared
 * batch (plain data) and returns plain data, so it can cross a thread boundary unchanged.
 */
import type { Kysely } from 'kysely';
import type { BatchOps } from './batch-ops';
import { run, type Step } from './executor';
import { keysNeedingPayload, linkLastSeq, planUpsert, type ExistingRow, type PlannedEvent, type PreparedBatch } from './plan';
import type { Database } from './schema';

/** A committed event as the transaction reports it; `recordsApi` turns it into a `ChangeEvent`. */
export interface CommittedEvent extends Pick<PlannedEvent, 'kind' | 'key' | 'entity' | 'source' | 'stream_key' | 'before' | 'recorded_at' | 'recordIndex'> {
  seq: number;
}

/** What one upsert transaction did. */
export interface UpsertOutcome {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  skippedStale: number;
  events: CommittedEvent[];
}

/** Planned events with the sequence numbers the feed gave them, as plain data. */
export function committedEvents(planned: readonly PlannedEvent[], seqs: readonly number[]): CommittedEvent[] {
  return planned.map((e, i) => ({
    seq: seqs[i]!, kind: e.kind, key: e.key, entity: e.entity, source: e.source, stream_key: e.stream_key,
    before: e.before, recorded_at: e.recorded_at, recordIndex: e.recordIndex,
  }));
}

/** What the transaction needs of a store. */
export interface UpsertTxContext {
  readonly db: Kysely<Database>;
  readonly ops: BatchOps;
  readonly volatilePaths: readonly string[];
}

/**
 * Reads the stored versions, plans, appends the change events, writes the rows and the checkpoint: one
 * transaction body. A checkpoint that cannot be saved undoes the whole batch.
 */
export function* upsertTx(ctx: UpsertTxContext, prepared: PreparedBatch): Step<UpsertOutcome> {
  const { db, ops } = ctx;
  yield* ops.lockFeed();
  const existing = new Map<string, ExistingRow>();
  for (const row of yield* ops.readExisting([...prepared.records.map((r) => r.key), ...prepared.deletedKeys])) existing.set(row.key, row);
  const needed = keysNeedingPayload(prepared.records, prepared.deletedKeys, existing);
  if (needed.length > 0) {
    for (const [key, payload] of yield* ops.readPayloads(needed)) existing.get(key)!.payload = payload;
  }
  const now = new Date().toISOString();
  const plan = planUpsert(prepared, existing, now, ctx.volatilePaths);
  const seqs = yield* ops.appendChanges(plan.events);
  linkLastSeq(plan, seqs);
  yield* ops.writeRecords(plan.rows);
  yield* ops.markDeleted(plan.deletions, prepared.source, now);
  yield* ops.backfillAfter(plan.backfills);
  const { checkpoint, complete, streamKey } = prepared;
  if (checkpoint !== undefined) {
    yield* run(db.insertInto('silta_checkpoints')
      .values({ stream_key: streamKey, value: checkpoint, complete: complete ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.column('stream_key').doUpdateSet({ value: checkpoint, complete: complete ? 1 : 0, updated_at: now })));
  }
  const { created, updated, deleted, unchanged, skippedStale } = plan;
  return { created, updated, deleted, unchanged, skippedStale, events: committedEvents(plan.events, seqs) };
}
