/** Row ⇄ object conversion and the time and key helpers every store module shares. */
import { formatSourceRef, parseSourceRef, type CanonicalRecord, type Entity, type SourceRef } from '@silta/model';
import { invalid, redactSecrets } from './errors';
import type {
  ChangeEvent, ChangeKind, DlqEntry, DlqKind, DlqStatus, InboxItem, InboxStatus, OutboxJob, OutboxStatus,
  RecordSource, RunRecord, RunStatus, StoredRecord, TimeInput,
} from './types';
import type { ChangesTable, DlqTable, InboxTable, OutboxTable, RecordsTable, RunsTable } from './schema';
import type { Selectable } from 'kysely';

/** Normalises a time input to the stored form; names the field when it is not a valid time. */
export function toIso(value: TimeInput, field: string): string {
  const d = value instanceof Date ? value : new Date(value);
  const ms = d.getTime();
  if (Number.isNaN(ms)) invalid(field, `must be a Date or an ISO 8601 timestamp, got ${JSON.stringify(String(value))}`);
  return d.toISOString();
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** A SourceRef or its formatted key, as the store's key. */
/**
 * What `parseSourceRef` accepts, as one regular expression: three parts without ':' or whitespace and a
 * non-empty id not starting with ':'. A delete inference checks every key of the enumeration, and a zod
 * parse per key was a visible part of a backfill; text that fails here still gets the model's error.
 */
const REF_TEXT = /^[^:\s]+:[^:\s]+:[^:\s]+:[^:][\s\S]*$/;

export function keyOf(ref: SourceRef | string, field = 'ref'): string {
  if (typeof ref === 'string') {
    if (REF_TEXT.test(ref)) return ref;
    try { parseSourceRef(ref); } catch { invalid(field, `must be a SourceRef or "system:connection:type:id", got ${JSON.stringify(ref)}`); }
    return ref;
  }
  if (!ref || typeof ref !== 'object' || !ref.system || !ref.connection || !ref.type || !ref.id) {
    invalid(field, 'must be a SourceRef with system, connection, type and id');
  }
  return formatSourceRef(ref);
}

export function num(v: number | string | bigint | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** Keeps stored error text free of credentials and of unbounded size. */
export function cleanError(text: string): string {
  const clean = redactSecrets(text);
  return clean.length > 8000 ? `${clean.slice(0, 8000)}…` : clean;
}

export function toStoredRecord(row: Selectable<RecordsTable>): StoredRecord {
  return {
    ref: { system: row.system, connection: row.connection, type: row.type, id: row.source_id },
    key: row.key,
    entity: row.entity as Entity,
    record: JSON.parse(row.payload) as CanonicalRecord,
    hash: row.hash,
    updatedAt: row.updated_at,
    streamKey: row.stream_key,
    source: row.source as RecordSource,
    deleted: num(row.deleted) === 1,
    partyKey: row.party_key,
    caseKey: row.case_key,
    firstSeenAt: row.first_seen_at,
    storedAt: row.stored_at,
  };
}

export function toChangeEvent(row: Selectable<ChangesTable>): ChangeEvent {
  return {
    seq: num(row.seq),
    kind: row.kind as ChangeKind,
    ref: parseSourceRef(row.key),
    key: row.key,
    entity: row.entity as Entity,
    before: parseJson(row.before) as CanonicalRecord | null,
    after: parseJson(row.after) as CanonicalRecord | null,
    source: row.source as RecordSource,
    streamKey: row.stream_key,
    recordedAt: row.recorded_at,
  };
}

export function toRun(row: Selectable<RunsTable>): RunRecord {
  return {
    id: num(row.id),
    stream: row.stream,
    connection: row.connection,
    mode: row.mode as RunRecord['mode'],
    status: row.status as RunStatus,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: { fetched: num(row.fetched), created: num(row.created), updated: num(row.updated), unchanged: num(row.unchanged), failed: num(row.failed) },
    error: row.error,
  };
}

export function toInboxItem(row: Selectable<InboxTable>): InboxItem {
  return {
    id: num(row.id),
    connector: row.connector,
    webhook: row.webhook,
    connection: row.connection,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
    status: row.status as InboxStatus,
    attempts: num(row.attempts),
    receivedAt: row.received_at,
    leasedUntil: row.leased_until,
    error: row.error,
    processedAt: row.processed_at,
  };
}

export function toOutboxJob(row: Selectable<OutboxTable>): OutboxJob {
  return {
    id: num(row.id),
    key: row.key,
    rule: row.rule,
    action: row.action,
    connection: row.connection,
    input: JSON.parse(row.input),
    sourceRef: row.source_key === null ? null : parseSourceRef(row.source_key),
    version: row.version,
    status: row.status as OutboxStatus,
    attempts: num(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    leasedUntil: row.leased_until,
    lastError: row.last_error,
    output: parseJson(row.output),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

export function toDlqEntry(row: Selectable<DlqTable>): DlqEntry {
  return {
    id: num(row.id),
    kind: row.kind as DlqKind,
    reason: row.reason,
    payload: JSON.parse(row.payload),
    source: row.source,
    status: row.status as DlqStatus,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    replays: num(row.replays),
  };
}

/** Validates a positive integer option and clamps it to a maximum. */
export function limitOf(value: number | undefined, fallback: number, max: number, field = 'limit'): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) invalid(field, `must be a non-negative integer, got ${String(value)}`);
  return Math.min(value, max);
}
