// @silta/sync public API.

// --- store (owned by the store) ---
export {
  openStore, openSqliteStore, openPostgresStore, DEFAULT_STORE_PATH, StoreError, redactSecrets, hashRecord,
  canonicalJson, storeMigrations, migrateToLatest, createSqlIdentityStore,
} from './store/index';
export type {
  SiltaStore, StoreKind, StoreErrorCode, OpenStoreOptions, TimeInput, RecordSource, ChangeKind, StoredRecord, ChangeEvent,
  UpsertBatchInput, UpsertBatchResult, CheckpointState, RecordFilter, RecordCountFilter, PartyRecordsOptions,
  MarkMissingOptions, ReadChangesOptions, RunStatus, RunCounts, StartRunInput, FinishRunInput, RunRecord, ListRunsOptions,
  InboxStatus, InboxAppendInput, InboxItem, InboxClaimOptions, OutboxStatus, OutboxEnqueueInput, OutboxJob,
  OutboxEnqueueResult, OutboxClaimOptions, DlqKind, DlqStatus, DlqAddInput, DlqEntry, DlqListOptions,
} from './store/index';

// --- engine, runs, CLI sync/records/dlq (engine helper; lines reported to the lead) ---
// Added by the store helper so the CLI typechecks; each folder's index lists its public names.
export * from './config/index';
export * from './engine/index';

// --- webhook inbox server, outbox worker, rules, timeline (inbox/rules helper; lines reported to the lead) ---
// Added by the store helper so the CLI typechecks; each folder's index lists its public names.
export * from './inbox/index';
export * from './outbox/index';
export * from './rules/index';
export * from './serve/index';
export * from './timeline/index';
export * from './context/index';
