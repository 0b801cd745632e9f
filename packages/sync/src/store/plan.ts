/**
 * The decision part of `upsertBatch`, shared by both backends and free of I/O.
 *
 * Change detection is two-tier so the common cases stay cheap: a record's `hash` is sha256 of its JSON as
 * stored (the JSON is produced anyway), so a backfill hashes each record once and an unchanged re-poll is a
 * hash comparison. Only when the hashes differ is the stored payload read and both versions compared in
 * canonical form (keys sorted): a vendor sending the same object with its keys in another order is then
 * recognised as unchanged (and the stored copy silently takes the new form, so the next poll is cheap again).
 */
import type { CanonicalRecord, Entity } from '@silta/model';
import { invalid } from './errors';
import { canonicalJson, sha256, stripPaths, toJson } from './hash';
import type { RecordsTable } from './schema';
import type { ChangeKind, RecordSource, UpsertBatchInput } from './types';

/** What the planner needs of a stored row. `payload` is present when it was read or written in the batch. */
export interface ExistingRow {
  key: string;
  entity: string;
  hash: string;
  updated_at: string;
  deleted: number;
  stream_key: string | null;
  first_seen_at: string;
  stored_at: string;
  last_seq: number | string | null;
  payload?: string;
}

/** A change event before it has its sequence number. */
export interface PlannedEvent {
  kind: ChangeKind;
  key: string;
  entity: Entity;
  source: RecordSource;
  stream_key: string | null;
  before: string | null;
  /** What is stored: null while this is the record's latest event (see `ChangesTable.after`). */
  after: string | null;
  recorded_at: string;
  /** The index of the new version in the prepared batch (null for deleted), so the caller returns its own object. */
  recordIndex: number | null;
  /** The new version's JSON (null for deleted), kept to fill `after` if a later event of the batch supersedes it. */
  afterPayload: string | null;
}

/** An earlier event whose `after` must now be written, because a new event supersedes it. */
export interface AfterBackfill {
  seq: number;
  after: string;
}

export interface UpsertPlan {
  /** Full rows to upsert. */
  rows: RecordsTable[];
  /** Stored rows to mark deleted (vendor-reported deletes of records not otherwise in the batch). */
  deletions: string[];
  events: PlannedEvent[];
  /** Earlier (committed) events superseded by this batch's events. */
  backfills: AfterBackfill[];
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  skippedStale: number;
}

/**
 * One incoming record with what every later step needs, computed once. Plain data (no record object), so a
 * prepared batch can be handed to the SQLite writer thread as is.
 */
export interface PreparedRecord {
  key: string;
  entity: Entity;
  system: string;
  connection: string;
  type: string;
  sourceId: string;
  updatedAt: string;
  payload: string;
  hash: string;
  partyKey: string | null;
  caseKey: string | null;
  deleted: boolean;
}

/** A validated, serialised batch: what `upsertBatch` writes, computed before any transaction opens. */
export interface PreparedBatch {
  streamKey: string;
  source: RecordSource;
  records: PreparedRecord[];
  deletedKeys: string[];
  /** The checkpoint as JSON; undefined leaves the stored one. */
  checkpoint: string | undefined;
  complete: boolean;
}

/** The time a record's version is from: `updatedAt`, else `at`, else `createdAt`. */
export function versionTime(record: CanonicalRecord, index: number): string {
  const r = record as { updatedAt?: string; at?: string; createdAt?: string };
  const raw = r.updatedAt ?? r.at ?? r.createdAt;
  if (typeof raw !== 'string') invalid(`records[${index}].updatedAt`, 'is missing (a record needs updatedAt, at or createdAt)');
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) invalid(`records[${index}].updatedAt`, `must be an ISO 8601 timestamp, got ${JSON.stringify(raw)}`);
  // Already canonical (the common case) skips building a Date.
  return raw.length === 24 && raw.endsWith('Z') ? raw : new Date(ms).toISOString();
}

function refKey(ref: unknown): string | null {
  if (!ref || typeof ref !== 'object') return null;
  const r = ref as { system?: string; connection?: string; type?: string; id?: string };
  return r.system && r.connection && r.type && r.id ? `${r.system}:${r.connection}:${r.type}:${r.id}` : null;
}

/** Validates record `i` of a batch and computes its key, version time, JSON and hash. */
export function prepareRecord(record: CanonicalRecord, i: number, volatilePaths: readonly string[]): PreparedRecord {
  if (!record || typeof record !== 'object') invalid(`records[${i}]`, 'must be a canonical record object');
  const key = refKey(record.ref);
  if (!key) invalid(`records[${i}].ref`, 'must be a SourceRef with system, connection, type and id');
  if (typeof record.entity !== 'string') invalid(`records[${i}].entity`, 'must be a canonical entity name');
  const updatedAt = versionTime(record, i);
  const payload = toJson(record);
  const hash = sha256(volatilePaths.length === 0 ? payload : toJson(stripPaths(record, volatilePaths)));
  const { ref } = record;
  const r = record as { partyRef?: unknown; caseRef?: unknown; deleted?: boolean };
  return {
    key, entity: record.entity, system: ref.system, connection: ref.connection, type: ref.type, sourceId: ref.id,
    updatedAt, payload, hash,
    partyKey: record.entity === 'party' ? key : refKey(r.partyRef),
    caseKey: refKey(r.caseRef),
    deleted: r.deleted === true,
  };
}

/** Validates the deleted ids of a batch and returns their keys. */
export function prepareDeletedKeys(deletedIds: UpsertBatchInput['deletedIds']): string[] {
  return (deletedIds ?? []).map((ref, i) => {
    const key = refKey(ref);
    if (!key) invalid(`deletedIds[${i}]`, 'must be a SourceRef with system, connection, type and id');
    return key;
  });
}

/** Keys whose stored payload the plan needs: records that differ by hash, and live records to delete. */
export function keysNeedingPayload(records: readonly PreparedRecord[], deletedKeys: readonly string[], stored: Map<string, ExistingRow>): string[] {
  const out = new Set<string>();
  for (const r of records) {
    const old = stored.get(r.key);
    if (old && old.hash !== r.hash && old.updated_at <= r.updatedAt) out.add(r.key);
  }
  for (const key of deletedKeys) if (stored.get(key)?.deleted === 0) out.add(key);
  return [...out];
}

/** Same content once key order and volatile paths are set aside. */
function sameContent(storedPayload: string, payload: string, volatilePaths: readonly string[]): boolean {
  return canonicalJson(stripPaths(JSON.parse(storedPayload), volatilePaths)) === canonicalJson(stripPaths(JSON.parse(payload), volatilePaths));
}

/**
 * Plans a batch. `existing` maps key ⇒ stored row (with the payloads `keysNeedingPayload` asked for) and is
 * updated as the plan goes, so a key that appears twice in one batch is compared with its first occurrence.
 */
export function planUpsert(prepared: PreparedBatch, existing: Map<string, ExistingRow>, now: string, volatilePaths: readonly string[]): UpsertPlan {
  const plan: UpsertPlan = { rows: [], deletions: [], events: [], backfills: [], created: 0, updated: 0, deleted: 0, unchanged: 0, skippedStale: 0 };
  const writes = new Map<string, RecordsTable>();
  const { source, streamKey } = prepared;
  const latest = new Map<string, PlannedEvent>();

  /** Adds an event; the event it supersedes (in this batch or committed) gets its `after` written. */
  function push(event: PlannedEvent, old: ExistingRow | undefined): void {
    const prev = latest.get(event.key);
    if (prev) {
      if (prev.kind !== 'deleted') prev.after = prev.afterPayload;
    } else if (old && old.last_seq !== null && old.last_seq !== undefined && old.payload !== undefined) {
      plan.backfills.push({ seq: Number(old.last_seq), after: old.payload });
    }
    latest.set(event.key, event);
    plan.events.push(event);
  }

  for (let index = 0; index < prepared.records.length; index++) {
    const p = prepared.records[index]!;
    const { key, updatedAt, payload, hash } = p;
    const old = existing.get(key);
    if (old) {
      if (old.hash === hash) { plan.unchanged++; continue; }
      // A stale write never overwrites a fresher version: this is how a webhook never loses to an older poll.
      if (old.updated_at > updatedAt) { plan.skippedStale++; continue; }
    }
    if (old && old.payload === undefined) throw new Error(`stored payload of ${key} was not read`);
    // Reordering keys changes neither the JSON's length nor the version time, so most real changes are
    // told apart without the canonical comparison.
    const silent = old !== undefined
      && (volatilePaths.length > 0 || (old.updated_at === updatedAt && old.payload!.length === payload.length))
      && sameContent(old.payload!, payload, volatilePaths);
    const isDeleted = p.deleted;
    const row: RecordsTable = {
      key,
      system: p.system,
      connection: p.connection,
      type: p.type,
      source_id: p.sourceId,
      entity: p.entity,
      payload,
      hash,
      updated_at: updatedAt,
      // Webhook writes keep the polling stream's ownership, so delete inference still sees the record.
      stream_key: !old || source === 'poll' ? streamKey : old.stream_key,
      source,
      deleted: silent ? old.deleted : isDeleted ? 1 : 0,
      party_key: p.partyKey,
      case_key: p.caseKey,
      first_seen_at: old?.first_seen_at ?? now,
      stored_at: silent ? old.stored_at : now,
      last_seq: old?.last_seq ?? null,
    };
    writes.set(key, row);
    existing.set(key, row);
    if (silent) { plan.unchanged++; continue; }

    let kind: ChangeKind | null;
    if (isDeleted) kind = old && old.deleted === 0 ? 'deleted' : null;
    else kind = old ? 'updated' : 'created';
    if (kind === null) { plan.unchanged++; continue; }
    plan[kind]++;
    push({
      kind, key, entity: p.entity, source, stream_key: streamKey, recorded_at: now,
      before: old ? old.payload! : null,
      after: null,
      recordIndex: kind === 'deleted' ? null : index,
      afterPayload: kind === 'deleted' ? null : payload,
    }, old);
  }

  for (const key of prepared.deletedKeys) {
    const old = existing.get(key);
    if (!old || old.deleted === 1) continue;
    if (old.payload === undefined) throw new Error(`stored payload of ${key} was not read`);
    const written = writes.get(key);
    if (written) written.deleted = 1;
    else plan.deletions.push(key);
    existing.set(key, { ...old, deleted: 1 });
    plan.deleted++;
    push(deletedEvent(old.key, old.entity as Entity, old.payload, source, streamKey, now), old);
  }
  plan.rows = [...writes.values()];
  return plan;
}

/** Points each written row at its latest event, once the events have their sequence numbers. */
export function linkLastSeq(plan: UpsertPlan, seqs: readonly number[]): void {
  const last = new Map<string, number>();
  plan.events.forEach((e, i) => last.set(e.key, seqs[i]!));
  for (const row of plan.rows) {
    const seq = last.get(row.key);
    if (seq !== undefined) row.last_seq = seq;
  }
}

/** A `deleted` event for a stored live row. */
export function deletedEvent(key: string, entity: Entity, before: string, source: RecordSource, streamKey: string | null, now: string): PlannedEvent {
  return { kind: 'deleted', key, entity, source, stream_key: streamKey, recorded_at: now, before, after: null, recordIndex: null, afterPayload: null };
}
