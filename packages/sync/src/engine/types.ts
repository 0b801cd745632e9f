import type { ConnectorDefinition, Logger, StreamDefinition } from '@silta/kit';
import type { EngineStore } from './store-port';

/**
 * What a run did. `fetched` = records + rejects the stream yielded; `failed` = rejects dead-lettered;
 * `stale` = records older than the stored version (a fresher webhook won); `deleted` includes inferred deletes.
 */
export interface SyncCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  deleted: number;
  failed: number;
}

/** Where a run stands, after each durable batch. */
export interface RunProgress extends SyncCounts {
  connection: string;
  stream: string;
  batches: number;
  /** What the stream knows of the total, when it knows. */
  total?: number;
  startedAt: Date;
}

/** How a run ended. `aborted` means the signal fired; everything up to the last batch is kept. */
export type RunOutcome = 'succeeded' | 'failed' | 'aborted';

/** The outcome of one stream run, as also written to the run log. */
export interface RunSummary {
  /** The run log's id (`silta runs`), or -1 when the run log itself could not be written. */
  runId: number;
  connection: string;
  stream: string;
  streamKey: string;
  status: RunOutcome;
  counts: SyncCounts;
  batches: number;
  startedAt: Date;
  finishedAt: Date;
  /** True when this run reset the checkpoint first. */
  full: boolean;
  /** True when the run enumerated everything without errors and unseen records were marked deleted. */
  deletesInferred: boolean;
  /** The message of the error that ended a failed run (credential-free). */
  error?: string;
  /** The error itself, for callers that want its `code` or `cause`. */
  cause?: unknown;
}

/** What {@link runStream} needs. */
export interface RunStreamOptions<TConfig = unknown, TClient = unknown> {
  store: EngineStore;
  connector: ConnectorDefinition<TConfig, TClient>;
  /** The connection name records are filed under (`SourceRef.connection`). */
  connectionName: string;
  config: TConfig;
  /** Reused when given; otherwise created with `connector.createClient(config)`. */
  client?: TClient;
  /** The stream's name in `connector.streams`, or the definition itself. */
  stream: string | StreamDefinition<TConfig, TClient, unknown>;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Full resync: forget the checkpoint and read everything again (then deletes can be inferred). */
  full?: boolean;
  /** How often a failed store write (a dropped database connection) is retried before the run fails. */
  storeRetries?: number;
  now?: () => Date;
}
