/**
 * The tables as kysely sees them. Both backends share these column types: times are ISO 8601 UTC text
 * (fixed width, so text order is time order), JSON is text (cheap to write, keeps key order), booleans
 * are 0/1 integers, ids are integers (PostgreSQL returns bigint ids as strings; rows are normalised).
 */
import type { ColumnType } from 'kysely';

/** An auto-increment id: generated on insert, a number (SQLite) or numeric string (PostgreSQL bigint) on read. */
type Id = ColumnType<number | string, never, never>;
type Seq = Id;

export interface RecordsTable {
  key: string;
  system: string;
  connection: string;
  type: string;
  source_id: string;
  entity: string;
  payload: string;
  hash: string;
  updated_at: string;
  stream_key: string | null;
  source: string;
  deleted: number;
  party_key: string | null;
  case_key: string | null;
  first_seen_at: string;
  stored_at: string;
  /** The seq of the record's latest change event (see `silta_changes.after`). */
  last_seq: number | string | null;
}

export interface ChangesTable {
  seq: Seq;
  kind: string;
  key: string;
  entity: string;
  source: string;
  stream_key: string | null;
  before: string | null;
  /**
   * Null while the event is its record's latest: the version is then the record's current payload, and the
   * next change of the record writes it here. Saves storing every payload twice during a backfill.
   */
  after: string | null;
  recorded_at: string;
}

export interface CheckpointsTable {
  stream_key: string;
  value: string;
  complete: number;
  updated_at: string;
}

export interface OffsetsTable {
  consumer: string;
  seq: number | string;
  updated_at: string;
}

export interface RunsTable {
  id: Id;
  stream: string;
  connection: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
}

export interface InboxTable {
  id: Id;
  connector: string;
  webhook: string;
  connection: string;
  headers: string;
  body: string;
  status: string;
  attempts: number;
  received_at: string;
  leased_until: string | null;
  error: string | null;
  processed_at: string | null;
}

export interface OutboxTable {
  id: Id;
  key: string;
  rule: string;
  action: string;
  connection: string;
  input: string;
  source_key: string | null;
  version: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  leased_until: string | null;
  last_error: string | null;
  output: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface DlqTable {
  id: Id;
  kind: string;
  reason: string;
  payload: string;
  source: string;
  status: string;
  created_at: string;
  resolved_at: string | null;
  replays: number;
}

/** Identity persistence (`@silta/identity`'s `IdentityStore`). */
export interface IdRecordsTable {
  key: string;
  ref: string;
  person_id: string;
  identifiers: string;
  blocking_keys: string;
  features: string;
  updated_at: string;
}
export interface IdIdentifiersTable { kind: string; value: string; record_key: string }
export interface IdBlocksTable { block: string; record_key: string; written: number | string }
export interface IdPersonsTable { id: string; created_at: string }
export interface IdRulesTable { id: string; kind: string; a: string; b: string; reason: string | null; created_at: string }
export interface IdTombstonesTable { hash: string; created_at: string }
export interface IdEventsTable { seq: Id; event: string }
export interface IdReviewsTable { pair: string; a: string; b: string; probability: number; weight: number; created_at: string }
export interface IdMetaTable { name: string; value: string }

/** Every table the store owns. */
export interface Database {
  silta_records: RecordsTable;
  silta_changes: ChangesTable;
  silta_checkpoints: CheckpointsTable;
  silta_offsets: OffsetsTable;
  silta_runs: RunsTable;
  silta_inbox: InboxTable;
  silta_outbox: OutboxTable;
  silta_dlq: DlqTable;
  silta_id_records: IdRecordsTable;
  silta_id_identifiers: IdIdentifiersTable;
  silta_id_blocks: IdBlocksTable;
  silta_id_persons: IdPersonsTable;
  silta_id_rules: IdRulesTable;
  silta_id_tombstones: IdTombstonesTable;
  silta_id_events: IdEventsTable;
  silta_id_reviews: IdReviewsTable;
  silta_id_meta: IdMetaTable;
}
