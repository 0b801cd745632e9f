/**
 * The store contract every part of @silta/sync codes against. Two implementations (SQLite, the embedded
 * default, and PostgreSQL) satisfy it and one conformance suite (`store/conformance.ts`) checks both.
 *
 * Times: every timestamp the store returns is an ISO 8601 UTC string (`Date#toISOString()` form); inputs
 * accept a `Date` or any ISO string with an offset. Ids of rows the store creates are plain numbers.
 *
 * This file only grows: fields and methods are added, never renamed or removed.
 */
import type { IdentityStore } from '@silta/identity';
import type { CanonicalRecord, Entity, SourceRef } from '@silta/model';

/** A `Date` or an ISO 8601 timestamp string with an offset or `Z`. */
export type TimeInput = Date | string;

/** Which backend a store runs on. */
export type StoreKind = 'sqlite' | 'postgres';

/** How a record reached the store: a polled stream or a webhook. */
export type RecordSource = 'poll' | 'webhook';

/** What happened to a record. */
export type ChangeKind = 'created' | 'updated' | 'deleted';

// ---------------------------------------------------------------------------------------------- records

/** One record as the store holds it. */
export interface StoredRecord {
  /** The record's place in its source system; the store's key. */
  ref: SourceRef;
  /** `formatSourceRef(ref)`: `system:connection:type:id`. */
  key: string;
  entity: Entity;
  /** The canonical record as last written (including `raw`). */
  record: CanonicalRecord;
  /** sha256 (hex) of the record's canonical JSON; see `hashRecord`. */
  hash: string;
  /** The record's own `updatedAt` (or `at` for records that have no `updatedAt`), normalised to UTC. */
  updatedAt: string;
  /** The stream that last wrote it by polling, or the stream key of the webhook that created it. */
  streamKey: string | null;
  /** How the current version arrived. */
  source: RecordSource;
  deleted: boolean;
  /** The person the record belongs to (`partyRef`, or the record's own ref for a party), formatted. */
  partyKey: string | null;
  /** The case an interaction or survey belongs to (`caseRef`), formatted. */
  caseKey: string | null;
  /** When the store first saw it and when it last changed in the store. */
  firstSeenAt: string;
  storedAt: string;
}

/** A change the store recorded: appended to the change feed in the same transaction as the write. */
export interface ChangeEvent {
  /** Monotonic position in the change feed; committed in order, so `afterSeq` readers never skip one. */
  seq: number;
  kind: ChangeKind;
  ref: SourceRef;
  key: string;
  entity: Entity;
  /** The previous version; null for `created`. */
  before: CanonicalRecord | null;
  /** The new version; null for `deleted`. */
  after: CanonicalRecord | null;
  source: RecordSource;
  streamKey: string | null;
  /** When the store committed it. */
  recordedAt: string;
}

/** One durable batch from a stream or a webhook. */
export interface UpsertBatchInput {
  /** Names the stream whose checkpoint this batch advances, e.g. `freshdesk:helpdesk:tickets`. */
  streamKey: string;
  records: readonly CanonicalRecord[];
  /** The stream's new checkpoint; saved in the same transaction. `undefined` leaves the stored one as is. */
  checkpoint?: unknown;
  source: RecordSource;
  /** Records the vendor reported deleted in this batch; each live one gets a `deleted` event. */
  deletedIds?: readonly SourceRef[];
  /** True when this batch ends a complete enumeration of the stream; kept beside the checkpoint. */
  complete?: boolean;
}

/** A batch validated and serialised by `prepareUpsert`, ready for `upsertBatch`; opaque, reusable for retries. */
export interface PreparedUpsert {
  readonly __preparedUpsert: never;
}

/** What one `upsertBatch` did. `events` are the change events it appended, in feed order. */
export interface UpsertBatchResult {
  created: number;
  updated: number;
  /** Records that went from live to deleted (by `deleted: true` or `deletedIds`). */
  deleted: number;
  /** Same hash as stored: nothing written, no event. */
  unchanged: number;
  /** Older than the stored version (by `updatedAt`): not written, no event. */
  skippedStale: number;
  events: ChangeEvent[];
}

/** The saved position of a stream. */
export interface CheckpointState {
  streamKey: string;
  value: unknown;
  /** Whether the batch that saved it ended a complete enumeration. */
  complete: boolean;
  updatedAt: string;
}

/** Filters for `listRecords`; all optional and combined with AND. */
export interface RecordFilter {
  system?: string;
  connection?: string;
  /** The vendor object type (`SourceRef.type`), e.g. `ticket`. */
  type?: string;
  entity?: Entity;
  refs?: readonly SourceRef[];
  /** Only records whose `updatedAt` is strictly after this time. */
  updatedAfter?: TimeInput;
  /** Records of one case (by `caseRef`). */
  caseRef?: SourceRef;
  streamKey?: string;
  /** Deleted records are left out unless this is true. */
  includeDeleted?: boolean;
  /** Default `updated_desc` (newest first); ties broken by key. */
  order?: 'updated_desc' | 'updated_asc' | 'key';
  /** Default 100, at most 10,000. */
  limit?: number;
  offset?: number;
}

/** Filters for `countRecords`. */
export interface RecordCountFilter {
  system?: string;
  connection?: string;
  type?: string;
  entity?: Entity;
  includeDeleted?: boolean;
}

/** Options for `listRecordsByParty`. */
export interface PartyRecordsOptions {
  entities?: readonly Entity[];
  /** Default 200, at most 10,000. */
  limit?: number;
  includeDeleted?: boolean;
  /** Only records whose `updatedAt` is at or after this time. */
  since?: TimeInput;
}

/** Options for `markMissingDeleted`. */
export interface MarkMissingOptions {
  /** Leave alone records the store wrote at or after this time (for example by a webhook during the run). */
  storedBefore?: TimeInput;
  source?: RecordSource;
}

// ------------------------------------------------------------------------------------------ change feed

/** What `readChanges` reads. */
export interface ReadChangesOptions {
  /** Events with `seq` strictly greater than this; 0 reads from the start. */
  afterSeq: number;
  /** Default 500, at most 10,000. */
  limit?: number;
}

// ------------------------------------------------------------------------------------------------- runs

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'aborted';

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface StartRunInput {
  /** The stream key or stream name. */
  stream: string;
  connection: string;
  /** `incremental` (default), `full` for a full resync, `webhook`. */
  mode?: 'incremental' | 'full' | 'webhook';
}

export interface FinishRunInput {
  status: Exclude<RunStatus, 'running'>;
  counts: RunCounts;
  /** Stored with credentials in URLs redacted. */
  error?: string;
}

export interface RunRecord {
  id: number;
  stream: string;
  connection: string;
  mode: 'incremental' | 'full' | 'webhook';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  error: string | null;
}

export interface ListRunsOptions {
  /** Default 50. Newest first. */
  limit?: number;
  stream?: string;
  connection?: string;
  status?: RunStatus;
}

// ------------------------------------------------------------------------------------------------ inbox

export type InboxStatus = 'pending' | 'claimed' | 'done' | 'failed';

export interface InboxAppendInput {
  connector: string;
  webhook: string;
  connection: string;
  /** Request headers worth keeping. `authorization`, `cookie` and `proxy-authorization` are dropped. */
  headers: Record<string, string>;
  /** The raw request body as received (after signature verification). */
  body: string;
  receivedAt?: TimeInput;
}

export interface InboxItem {
  id: number;
  connector: string;
  webhook: string;
  connection: string;
  headers: Record<string, string>;
  body: string;
  status: InboxStatus;
  /** How many times it has been claimed. */
  attempts: number;
  receivedAt: string;
  /** While `claimed`: until when the claim holds; after that another worker may claim it. */
  leasedUntil: string | null;
  error: string | null;
  processedAt: string | null;
}

export interface InboxClaimOptions {
  /** Default 30,000 ms. */
  leaseMs?: number;
  now?: TimeInput;
}

// ----------------------------------------------------------------------------------------------- outbox

export type OutboxStatus = 'pending' | 'leased' | 'done' | 'dead';

export interface OutboxEnqueueInput {
  /** Idempotency key, derived from (rule, source record, version). A second enqueue with it is a no-op. */
  key: string;
  rule: string;
  action: string;
  connection: string;
  input: unknown;
  sourceRef?: SourceRef;
  version?: string;
  /** Earliest time to attempt; default now. */
  notBefore?: TimeInput;
}

export interface OutboxJob {
  id: number;
  key: string;
  rule: string;
  action: string;
  connection: string;
  input: unknown;
  sourceRef: SourceRef | null;
  version: string | null;
  status: OutboxStatus;
  /** Claims so far (the current one included). */
  attempts: number;
  nextAttemptAt: string;
  leasedUntil: string | null;
  lastError: string | null;
  output: unknown;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface OutboxEnqueueResult {
  job: OutboxJob;
  /** False when a job with the same key already existed (it is returned unchanged). */
  created: boolean;
}

export interface OutboxClaimOptions {
  /** Default 60,000 ms. A lease that runs out (the worker died) makes the job claimable again. */
  leaseMs?: number;
}

// ------------------------------------------------------------------------------------ dead-letter queue

export type DlqKind = 'record' | 'webhook' | 'action';
export type DlqStatus = 'open' | 'replayed' | 'discarded';

export interface DlqAddInput {
  kind: DlqKind;
  reason: string;
  /** What failed: the raw record, the inbox item, the outbox job. Kept as JSON. */
  payload: unknown;
  /** Where it came from, e.g. `freshdesk:helpdesk:tickets` or `outbox:42`. */
  source: string;
}

export interface DlqEntry {
  id: number;
  kind: DlqKind;
  reason: string;
  payload: unknown;
  source: string;
  status: DlqStatus;
  createdAt: string;
  /** When it was last replayed or discarded. */
  resolvedAt: string | null;
  replays: number;
}

export interface DlqListOptions {
  kind?: DlqKind;
  /** Default `open`. */
  status?: DlqStatus | 'all';
  /** Default 100. Oldest first. */
  limit?: number;
}

// ------------------------------------------------------------------------------------------------ store

/** Options for `openStore`. */
export interface OpenStoreOptions {
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL: the schema to use (created when missing; default the connection's search_path). */
  schema?: string;
  /** PostgreSQL: pool size (default 10). */
  poolSize?: number;
  /**
   * Dotted paths left out of the payload hash, on top of the default (none). For example `raw.stats` if a
   * vendor's statistics change on every poll without the record really changing.
   */
  volatilePaths?: readonly string[];
  /** SQLite: `normal` (default; survives a killed process) or `full` (also survives power loss; slower). */
  sqliteSynchronous?: 'normal' | 'full';
  /**
   * SQLite file stores: where `upsertBatch` transactions run. `thread` (default) runs them on a writer thread
   * with its own connection, so the event loop stays free (and the next batch can be mapped and prepared)
   * while SQLite writes; `inline` runs them on the calling thread. In-memory stores are always inline.
   */
  sqliteWriter?: 'thread' | 'inline';
}

/**
 * The one store interface. Every method is async; every multi-row write is one transaction.
 *
 * @example
 * const store = await openStore('.silta/silta.db');
 * const res = await store.upsertBatch({ streamKey: 'freshdesk:helpdesk:tickets', records, checkpoint: { since }, source: 'poll' });
 * console.log(res.created, res.events.length);
 * await store.close();
 */
export interface SiltaStore {
  readonly kind: StoreKind;
  /** Where the store lives, with any password redacted (safe for logs). */
  readonly location: string;
  /** `@silta/identity`'s storage interface on the same database (pass it to `createResolver`). */
  readonly identity: IdentityStore;

  // records
  /**
   * Upserts a batch, appends its change events and saves the checkpoint: all commit together or none. Takes
   * the batch itself or what `prepareUpsert` made of it.
   */
  upsertBatch(input: UpsertBatchInput | PreparedUpsert): Promise<UpsertBatchResult>;
  /**
   * Validates a batch and serialises and hashes its records now, without writing: the CPU half of
   * `upsertBatch`. The work is done during the call (the promise is already settled when it returns), so a
   * caller can prepare the next batch while the previous one is being written, then pass it to `upsertBatch`.
   * Invalid input rejects with `STORE_INVALID_INPUT`, as `upsertBatch` would.
   */
  prepareUpsert(input: UpsertBatchInput): Promise<PreparedUpsert>;
  /**
   * Marks every live record of the stream whose ref is not in `seenRefs` deleted and emits `deleted`
   * events. Call only after a complete, error-free enumeration. Returns the events.
   */
  markMissingDeleted(streamKey: string, seenRefs: Iterable<SourceRef | string>, options?: MarkMissingOptions): Promise<ChangeEvent[]>;
  getRecord(ref: SourceRef | string): Promise<StoredRecord | undefined>;
  listRecords(filter?: RecordFilter): Promise<StoredRecord[]>;
  countRecords(filter?: RecordCountFilter): Promise<number>;
  /** Records belonging to any of these parties (and the party records themselves), newest first. */
  listRecordsByParty(partyRefs: readonly (SourceRef | string)[], options?: PartyRecordsOptions): Promise<StoredRecord[]>;

  // checkpoints
  getCheckpoint(streamKey: string): Promise<unknown | undefined>;
  getCheckpointState(streamKey: string): Promise<CheckpointState | undefined>;
  listCheckpoints(): Promise<CheckpointState[]>;
  /** Forgets the stream's checkpoint so the next run starts from the beginning (a full resync). */
  resetCheckpoint(streamKey: string): Promise<void>;

  // change feed
  readChanges(options: ReadChangesOptions): Promise<ChangeEvent[]>;
  /** The highest `seq` in the feed (0 when empty). */
  latestSeq(): Promise<number>;
  /** A consumer's position in the feed (0 when it has none). */
  getOffset(consumer: string): Promise<number>;
  setOffset(consumer: string, seq: number): Promise<void>;

  // runs
  startRun(input: StartRunInput): Promise<RunRecord>;
  finishRun(id: number, input: FinishRunInput): Promise<RunRecord>;
  listRuns(options?: ListRunsOptions): Promise<RunRecord[]>;
  getRun(id: number): Promise<RunRecord | undefined>;

  // webhook inbox
  /** Durable when the promise resolves. */
  inboxAppend(input: InboxAppendInput): Promise<{ id: number }>;
  /** Claims up to `limit` pending items (or claimed ones whose lease ran out), oldest first. */
  inboxClaim(limit: number, options?: InboxClaimOptions): Promise<InboxItem[]>;
  inboxComplete(id: number): Promise<void>;
  inboxFail(id: number, reason: string): Promise<void>;
  inboxGet(id: number): Promise<InboxItem | undefined>;
  inboxCounts(): Promise<Record<InboxStatus, number>>;

  // outbox
  outboxEnqueue(input: OutboxEnqueueInput): Promise<OutboxEnqueueResult>;
  /** Claims up to `limit` jobs due at `now` (default the current time) and not under a live lease. */
  outboxClaim(limit: number, now?: TimeInput, options?: OutboxClaimOptions): Promise<OutboxJob[]>;
  outboxComplete(id: number, output?: unknown): Promise<void>;
  /** Releases the lease and schedules another attempt. */
  outboxRetry(id: number, error: string, nextAttemptAt: TimeInput): Promise<void>;
  /** Marks the job dead and adds a DLQ entry (kind `action`) in the same transaction. */
  outboxDeadLetter(id: number, reason: string): Promise<DlqEntry>;
  /** Puts a dead job back to pending, due now (used by DLQ replay). */
  outboxRequeue(id: number): Promise<void>;
  /** By id (number) or idempotency key (string). */
  outboxGet(keyOrId: string | number): Promise<OutboxJob | undefined>;
  outboxCounts(): Promise<Record<OutboxStatus, number>>;

  // dead-letter queue
  dlqAdd(input: DlqAddInput): Promise<DlqEntry>;
  dlqList(options?: DlqListOptions): Promise<DlqEntry[]>;
  dlqGet(id: number): Promise<DlqEntry | undefined>;
  /** Discards one open entry or all open ones; returns how many were discarded. */
  dlqDiscard(idOrAll: number | 'all'): Promise<number>;
  dlqMarkReplayed(id: number): Promise<void>;
  dlqCount(options?: { kind?: DlqKind; status?: DlqStatus }): Promise<number>;

  /** Closes the database (SQLite) or drains the pool (PostgreSQL). Further calls throw `STORE_CLOSED`. */
  close(): Promise<void>;
}

/** Stable codes of {@link StoreError}. */
export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_MIGRATION_FAILED'
  | 'STORE_INVALID_INPUT'
  | 'STORE_NOT_FOUND'
  | 'STORE_CLOSED'
  | 'STORE_QUERY_FAILED'
  /** The SQLite writer thread stopped while a batch was in flight; the batch was not committed. */
  | 'STORE_WRITER_FAILED';
