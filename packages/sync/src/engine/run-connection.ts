import { silentLogger, type Logger } from '@silta/kit';
import type { ConnectionInstance } from '../config/types';
import { EngineError } from './errors';
import { createLimiter, type ConcurrencyLimiter } from './limiter';
import { runStream } from './run-stream';
import type { EngineStore } from './store-port';
import type { RunProgress, RunSummary } from './types';

/** What {@link runConnection} needs. */
export interface RunConnectionOptions {
  store: EngineStore;
  /** The connection's name in the config (`SourceRef.connection`). */
  name: string;
  connection: ConnectionInstance;
  /** Which streams to run (default: the connection's `streams`, else all the connector's). */
  streams?: readonly string[];
  /** Full resync of the selected streams. */
  full?: boolean;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Shared across calls so schedules firing together still respect the connection's limit. */
  limiter?: ConcurrencyLimiter;
  /** Reused by every stream, so they share one rate-limit budget. */
  client?: unknown;
}

/** The default number of one connection's streams that run at once. */
export const DEFAULT_CONNECTION_CONCURRENCY = 2;

/**
 * Runs the streams of one connection, at most `connection.concurrency` (default 2) at a time, all on one
 * client so they share the vendor's rate limit. One stream failing does not stop the others.
 *
 * @example
 * const summaries = await runConnection({ store, name: 'helpdesk', connection: config.connections.helpdesk! });
 * const failed = summaries.filter((s) => s.status !== 'succeeded');
 */
export async function runConnection(options: RunConnectionOptions): Promise<RunSummary[]> {
  const { connection, name } = options;
  const streams = selectStreams(name, connection, options.streams);
  const limiter = options.limiter ?? createLimiter(connection.concurrency ?? DEFAULT_CONNECTION_CONCURRENCY);
  const logger = options.logger ?? silentLogger;
  const client = options.client ?? connection.client ?? connection.connector.createClient(connection.config, { logger });
  return Promise.all(streams.map((stream) => limiter.run(function runLimitedStream() {
    return runStream({
      store: options.store, connector: connection.connector, connectionName: name, config: connection.config, client, stream,
      logger, ...optional(options),
    });
  })));
}

function optional(options: RunConnectionOptions) {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.full ? { full: true } : {}),
  };
}

/**
 * The streams to run: the requested ones (checked against the connector), else the connection's list, else all.
 * Throws `EngineError` `STREAM_NOT_FOUND` naming the streams the connector does have.
 *
 * @example
 * selectStreams('helpdesk', helpdesk, ['tickets']); // ['tickets']
 */
export function selectStreams(name: string, connection: ConnectionInstance, requested?: readonly string[]): string[] {
  const available = Object.keys(connection.connector.streams);
  const wanted = requested && requested.length > 0 ? requested : connection.streams ?? available;
  for (const stream of wanted) {
    if (!available.includes(stream)) {
      throw new EngineError('STREAM_NOT_FOUND', `connection ${name} (${connection.connector.system}) has no stream "${stream}"; it has ${available.join(', ')}`);
    }
  }
  return [...wanted];
}
